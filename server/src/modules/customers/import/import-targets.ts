/** What a column of an import file can become, per entity, and the guess from its header. */

export type ImportEntity = 'contact' | 'company';

export const SOURCES = ['phone_call', 'website', 'social_media', 'advertising', 'referral', 'other'] as const;
export const LIFECYCLES = ['lead', 'prospect', 'customer', 'former'] as const;
export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1000+'] as const;

interface TargetSpec {
  /** Several columns may feed it (values are collected); otherwise one column at most. */
  multi?: boolean;
  /** Folded header names (see `foldHeader`) in az, tr, en and ru that suggest this target. */
  headers: string[];
}

const SHARED: Record<string, TargetSpec> = {
  name: { headers: ['name', 'fullname', 'ad', 'adsoyad', 'adivesoyadi', 'soyadad', 'isim', 'adsoyadi', 'имя', 'фио', 'полноеимя', 'наименование', 'название'] },
  email: { multi: true, headers: ['email', 'emailaddress', 'mail', 'epoct', 'epoctunvani', 'elektronpoct', 'eposta', 'epostaadresi', 'почта', 'электроннаяпочта', 'емейл'] },
  phone: { multi: true, headers: ['phone', 'phonenumber', 'telephone', 'tel', 'mobile', 'mobilephone', 'telefon', 'telefonnomresi', 'mobil', 'nomre', 'ceptelefonu', 'cep', 'gsm', 'телефон', 'мобильный', 'номертелефона'] },
  whatsapp: { multi: true, headers: ['whatsapp', 'вотсап', 'ватсап'] },
  telegram: { multi: true, headers: ['telegram', 'телеграм', 'телеграмм'] },
  tags: { multi: true, headers: ['tags', 'tag', 'labels', 'teqler', 'teq', 'etiket', 'etiketler', 'теги', 'метки'] },
  source: { headers: ['source', 'leadsource', 'menbe', 'kaynak', 'источник'] },
  lifecycle: { headers: ['lifecycle', 'lifecyclestage', 'status', 'merhele', 'durum', 'asama', 'статус', 'этап'] },
  street: { headers: ['street', 'address', 'unvan', 'kuce', 'adres', 'sokak', 'cadde', 'адрес', 'улица'] },
  city: { headers: ['city', 'town', 'seher', 'sehir', 'il', 'город'] },
  region: { headers: ['region', 'state', 'province', 'rayon', 'bolge', 'регион', 'область', 'район'] },
  postalCode: { headers: ['postalcode', 'postcode', 'zip', 'zipcode', 'poctindeksi', 'indeks', 'postakodu', 'индекс', 'почтовыйиндекс'] },
  country: { headers: ['country', 'olke', 'ulke', 'страна'] },
  owner: { headers: ['owner', 'responsible', 'assignedto', 'mesul', 'mesulsexs', 'sorumlu', 'sorumlukisi', 'ответственный', 'владелец'] },
};

const CONTACT_TARGETS: Record<string, TargetSpec> = {
  ...SHARED,
  firstName: { headers: ['firstname', 'givenname', 'first'] },
  lastName: { headers: ['lastname', 'surname', 'familyname', 'last', 'soyad', 'soyadi', 'фамилия'] },
  web: { multi: true, headers: ['website', 'web', 'url', 'site', 'sayt', 'websitesi', 'сайт', 'вебсайт'] },
  company: { headers: ['company', 'companyname', 'organization', 'organisation', 'org', 'sirket', 'sirketadi', 'firma', 'компания', 'организация'] },
  jobTitle: { headers: ['jobtitle', 'title', 'position', 'vezife', 'pozisyon', 'gorev', 'unvani', 'должность'] },
};

const COMPANY_TARGETS: Record<string, TargetSpec> = {
  ...SHARED,
  name: { headers: [...SHARED.name.headers, 'company', 'companyname', 'organization', 'sirket', 'sirketadi', 'firma', 'компания', 'организация'] },
  taxId: { headers: ['taxid', 'taxnumber', 'vat', 'vatnumber', 'tin', 'voen', 'vkn', 'vergino', 'verginumarasi', 'инн'] },
  legalForm: { headers: ['legalform', 'huquqiforma', 'teskilatihuquqiforma', 'sirketturu', 'hukukiform', 'опф', 'правоваяформа'] },
  industry: { headers: ['industry', 'sector', 'sahe', 'sektor', 'отрасль', 'сфера'] },
  size: { headers: ['size', 'employees', 'iscisayi', 'calisansayisi', 'размер', 'сотрудники'] },
  website: { headers: ['website', 'web', 'url', 'site', 'sayt', 'websitesi', 'сайт', 'вебсайт'] },
};

export const TARGETS: Record<ImportEntity, Record<string, TargetSpec>> = { contact: CONTACT_TARGETS, company: COMPANY_TARGETS };

export const CUSTOM_PREFIX = 'custom.';

export interface CustomFieldDefinition {
  key: string;
  type: 'text' | 'number' | 'money' | 'date' | 'select' | 'multiselect' | 'checkbox' | 'url' | 'phone' | 'email';
  required: boolean;
  labels: Record<string, string>;
  options: unknown[];
}

/** Whether `target` names a field of `entity` (a built-in one or an active custom field). */
export function isKnownTarget(entity: ImportEntity, target: string, custom: CustomFieldDefinition[]): boolean {
  if (target.startsWith(CUSTOM_PREFIX)) {
    return custom.some((field) => field.key === target.slice(CUSTOM_PREFIX.length));
  }
  return Object.hasOwn(TARGETS[entity], target);
}

export const isMultiTarget = (entity: ImportEntity, target: string): boolean => TARGETS[entity][target]?.multi === true;

/** Folds like the database's `crm_fold` and keeps only letters and digits: "E-poçt" -> "epoct". */
export function foldHeader(text: string): string {
  return fold(text).replace(/[^\p{L}\p{N}]/gu, '');
}

const FOLD_FROM = 'ƏəIıİŞşÇçĞğÖöÜü';
const FOLD_TO = 'eeiiissccggoouu';
const FOLDED_LETTERS = new RegExp(`[${FOLD_FROM}]`, 'g');

/** Lower case with the Azerbaijani/Turkish letters folded, as crm_fold() does in the database. */
export function fold(text: string): string {
  return text.replace(FOLDED_LETTERS, (ch) => FOLD_TO[FOLD_FROM.indexOf(ch)]).toLowerCase();
}

/** The target each header suggests, or none; a single-valued target goes to its first column only. */
export function suggestMapping(entity: ImportEntity, headers: string[], custom: CustomFieldDefinition[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  for (const header of headers) {
    const folded = foldHeader(header);
    if (folded === '') {
      continue;
    }
    const customField = custom.find((field) => foldHeader(field.key) === folded || Object.values(field.labels).some((label) => foldHeader(label) === folded));
    const builtIn = Object.entries(TARGETS[entity]).find(([target, spec]) => foldHeader(target) === folded || spec.headers.includes(folded))?.[0];
    // Numbered duplicates ("Telefon 2") suggest the same multi-valued target.
    const numbered = builtIn ?? Object.entries(TARGETS[entity]).find(([, spec]) => spec.multi && spec.headers.includes(folded.replace(/\d+$/, '')))?.[0];
    const target = customField ? `${CUSTOM_PREFIX}${customField.key}` : numbered;
    if (target && (isMultiTarget(entity, target) || !used.has(target))) {
      mapping[header] = target;
      used.add(target);
    }
  }
  return mapping;
}

const SOURCE_WORDS: Record<(typeof SOURCES)[number], string[]> = {
  phone_call: ['phonecall', 'phone', 'call', 'zeng', 'telefon', 'arama', 'звонок', 'телефон'],
  website: ['website', 'web', 'site', 'sayt', 'websitesi', 'сайт'],
  social_media: ['socialmedia', 'social', 'sosialmedia', 'sosyalmedya', 'соцсети', 'социальныесети'],
  advertising: ['advertising', 'ad', 'ads', 'reklam', 'реклама'],
  referral: ['referral', 'tovsiye', 'tavsiye', 'рекомендация'],
  other: ['other', 'diger', 'другое'],
};

const LIFECYCLE_WORDS: Record<(typeof LIFECYCLES)[number], string[]> = {
  lead: ['lead', 'lid', 'лид'],
  prospect: ['prospect', 'potensial', 'potensialmusteri', 'potansiyel', 'potansiyelmusteri', 'потенциальный', 'потенциальныйклиент'],
  customer: ['customer', 'client', 'musteri', 'клиент', 'покупатель'],
  former: ['former', 'kecmis', 'kecmismusteri', 'eski', 'eskimusteri', 'бывший', 'бывшийклиент'],
};

/** Folded word -> enum value; where two values share a word, the first listed wins. */
const ENUM_WORDS = Object.fromEntries(
  (['source', 'lifecycle'] as const).map((kind) => {
    const words = new Map<string, string>();
    for (const [value, names] of Object.entries<string[]>(kind === 'source' ? SOURCE_WORDS : LIFECYCLE_WORDS)) {
      for (const word of [foldHeader(value), ...names]) {
        if (!words.has(word)) {
          words.set(word, value);
        }
      }
    }
    return [kind, words];
  }),
) as Record<'source' | 'lifecycle', Map<string, string>>;

/** The enum value a cell names in any of the four languages, or undefined. */
export function enumValue(kind: 'source' | 'lifecycle', text: string): string | undefined {
  return ENUM_WORDS[kind].get(foldHeader(text));
}
