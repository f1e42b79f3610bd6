/** Tax ids (VÖEN, VKN) compare without spaces and in upper case. */
export const normaliseDuplicateTaxId = (value: string): string | undefined => {
  const taxId = value.replace(/\s+/g, '').toUpperCase();
  return taxId === '' ? undefined : taxId;
};
