const two = (n: number): string => String(n).padStart(2, '0');

/** The value of a `date` input for a moment, in the browser's time zone: `YYYY-MM-DD`. */
export const localDate = (date: Date): string => `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;

/** The value of a `time` input for a moment, in the browser's time zone: `HH:mm`. */
export const localTime = (date: Date): string => `${two(date.getHours())}:${two(date.getMinutes())}`;

/** The value of a `datetime-local` input for a moment, in the browser's time zone: `YYYY-MM-DDTHH:mm`. */
export const localDateTime = (date: Date): string => `${localDate(date)}T${localTime(date)}`;
