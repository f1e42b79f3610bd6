/**
 * Deterministic benchmark data: Azerbaijani and Turkish names (so that folding matters), E.164
 * phones, e-mails, companies and activities. The same seed always gives the same rows, so a
 * database loaded once can be measured again and again.
 */

/** A small, fast, seedable generator (mulberry32). */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** An item of a list ordered from common to rare: index i is drawn with weight 1 / (i + 1) (Zipf). */
  pickZipf<T>(items: readonly T[], weights: Float64Array): T {
    const r = this.next() * weights[weights.length - 1];
    let low = 0;
    let high = weights.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (weights[mid] < r) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return items[low];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

/** Cumulative Zipf weights for a list of `n` items. */
export function zipfWeights(n: number): Float64Array {
  const weights = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += 1 / (i + 1);
    weights[i] = sum;
  }
  return weights;
}

const FROM = 'ƏəIıİŞşÇçĞğÖöÜü';
const TO = 'eeiiissccggoouu';
const FOLD = new Map([...FROM].map((ch, i) => [ch, TO[i]]));

/**
 * The database's `crm_fold` (migration 1): `lower(translate(value, 'ƏəIıİŞşÇçĞğÖöÜü', 'eeiiissccggoouu'))`.
 * Every letter of the generated data outside ASCII is in the translated set, so lower() only meets
 * ASCII here and JavaScript lower-cases it the same way.
 */
export function crmFold(value: string): string {
  let out = '';
  for (const ch of value) {
    out += FOLD.get(ch) ?? ch;
  }
  return out.toLowerCase();
}

/** Most common first. Azerbaijani surnames have a female form ending in -a. */
const AZ_SURNAMES = [
  'Məmmədov', 'Əliyev', 'Hüseynov', 'Həsənov', 'Quliyev', 'İsmayılov', 'Abbasov', 'Cəfərov', 'Rəhimov', 'Qasımov',
  'Kərimov', 'Süleymanov', 'Bağırov', 'Səfərov', 'Orucov', 'Mustafayev', 'İbrahimov', 'Əhmədov', 'Vəliyev', 'Nəsirov',
  'Rzayev', 'Şükürov', 'Ağayev', 'Babayev', 'Paşayev', 'Zeynalov', 'Musayev', 'Nəbiyev', 'Qədirov', 'Şirinov',
  'Sadıqov', 'Tağıyev', 'Hacıyev', 'Yusifov', 'Ələkbərov', 'Əsgərov', 'Xəlilov', 'Mirzəyev', 'Novruzov', 'Fərzəliyev',
];
const AZ_MALE = [
  'Məmməd', 'Əli', 'Hüseyn', 'Rəşad', 'Elçin', 'Orxan', 'Tural', 'Vüsal', 'Ceyhun', 'Anar', 'Elvin', 'Kənan', 'Fərid',
  'Rauf', 'Şahin', 'Nicat', 'Emin', 'Samir', 'Ülvi', 'Toğrul', 'Fuad', 'Kamran', 'Rüstəm', 'İlqar', 'Cavid', 'Əkbər',
];
const AZ_FEMALE = [
  'Aysel', 'Günel', 'Leyla', 'Nərmin', 'Səbinə', 'Könül', 'Aytən', 'Şəbnəm', 'Ülkər', 'Nigar', 'Fidan', 'Gülnar',
  'Ləman', 'Sevinc', 'Xədicə', 'Zəhra', 'Aygün', 'Çiçək', 'Gülşən', 'Nərgiz', 'Türkan', 'İlahə', 'Röya', 'Əsmər',
];
const TR_SURNAMES = [
  'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan',
  'Kılıç', 'Aslan', 'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek', 'Polat', 'Özgür', 'Güneş', 'Erdoğan',
];
const TR_MALE = [
  'Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Hasan', 'İbrahim', 'Murat', 'Ömer', 'Emre', 'Çağrı', 'Oğuz',
  'Barış', 'Gökhan', 'Uğur', 'Serkan', 'Burak', 'İsmail',
];
const TR_FEMALE = [
  'Ayşe', 'Fatma', 'Emine', 'Hatice', 'Zeynep', 'Elif', 'Özlem', 'Gül', 'Şule', 'Büşra', 'Çiğdem', 'Gülşah', 'Dilek',
  'Sibel', 'Öykü', 'İrem',
];
const COMPANY_WORDS = [
  'Tikinti', 'Logistika', 'Ticarət', 'Texnologiya', 'Neft Servis', 'Aqro', 'Turizm', 'Mebel', 'Tekstil', 'Qida',
  'İnşaat', 'Lojistik', 'Yazılım', 'Gıda', 'Enerji', 'Sağlık', 'Otomotiv', 'Dış Ticaret', 'Kimya', 'Elektrik',
];
const LEGAL_FORMS = ['MMC', 'ASC', 'QSC', 'Ltd. Şti.', 'A.Ş.'];
const INDUSTRIES = ['construction', 'logistics', 'retail', 'it', 'energy', 'agriculture', 'tourism', 'manufacturing', 'food', 'health'];
const MAIL_DOMAINS = ['mail.az', 'gmail.com', 'box.az', 'outlook.com', 'yandex.com', 'hotmail.com'];
const PHONE_PREFIXES = ['+99450', '+99455', '+99450', '+99455', '+99451', '+99470', '+99477'];
const SOURCES = ['phone_call', 'website', 'social_media', 'advertising', 'referral', 'other'];
const LIFECYCLES = ['lead', 'prospect', 'customer', 'customer', 'former'];
const TAGS = ['vip', 'topdan', 'pərakəndə', 'bayram', 'partnyor', 'ixrac'];

const AZ_SURNAME_WEIGHTS = zipfWeights(AZ_SURNAMES.length);
const TR_SURNAME_WEIGHTS = zipfWeights(TR_SURNAMES.length);

export interface PersonName {
  full: string;
  /** ASCII form for e-mail addresses. */
  ascii: string;
}

export function personName(random: Random): PersonName {
  const turkish = random.chance(0.25);
  const female = random.chance(0.5);
  let first: string;
  let last: string;
  if (turkish) {
    first = random.pick(female ? TR_FEMALE : TR_MALE);
    last = random.pickZipf(TR_SURNAMES, TR_SURNAME_WEIGHTS);
  } else {
    first = random.pick(female ? AZ_FEMALE : AZ_MALE);
    last = random.pickZipf(AZ_SURNAMES, AZ_SURNAME_WEIGHTS) + (female ? 'a' : '');
  }
  const full = `${first} ${last}`;
  return { full, ascii: crmFold(full).replace(/ /g, '.') };
}

/** A distinct phone for each index below 10,000,000 per prefix (a multiplicative permutation). */
export function phoneNumber(index: number, variant: number): string {
  const prefix = PHONE_PREFIXES[(index + variant * 3) % PHONE_PREFIXES.length];
  const local = (index * 7_654_321 + variant * 1_234_567 + 1_000_003) % 10_000_000;
  return `${prefix}${String(local).padStart(7, '0')}`;
}

export function email(name: PersonName, index: number, random: Random): string {
  return `${name.ascii}.${index}@${random.pick(MAIL_DOMAINS)}`;
}

export function companyName(random: Random, index: number): string {
  const owner = random.chance(0.6) ? random.pickZipf(AZ_SURNAMES, AZ_SURNAME_WEIGHTS) : random.pickZipf(TR_SURNAMES, TR_SURNAME_WEIGHTS);
  return `${owner} ${random.pick(COMPANY_WORDS)} ${index % 97} ${random.pick(LEGAL_FORMS)}`;
}

export const digitsOf = (value: string): string => value.replace(/\D/g, '');

export const pick = {
  source: (random: Random): string => random.pick(SOURCES),
  lifecycle: (random: Random): string => random.pick(LIFECYCLES),
  industry: (random: Random): string => random.pick(INDUSTRIES),
  tags: (random: Random): string[] => (random.chance(0.3) ? [random.pick(TAGS)] : []),
};

const SUBJECTS: Record<string, string[]> = {
  call: ['Zəng: qiymət sorğusu', 'Zəng: çatdırılma', 'Geri zəng', 'Arama: teklif', 'Zəng: müqavilə şərtləri'],
  email: ['Kommersiya təklifi göndərildi', 'Faktura', 'Teklif e-postası', 'Görüş təsdiqi'],
  meeting: ['Ofisdə görüş', 'Təqdimat', 'Toplantı: yıllık anlaşma', 'Müqavilə imzalanması'],
  note: ['Qeyd: müştəri endirim istəyir', 'Not: ödeme gecikti', 'Qeyd: yeni filial açır', 'Qeyd: ödəniş gözlənilir'],
};
const KINDS = ['call', 'call', 'call', 'email', 'email', 'meeting', 'note'];
const OUTCOMES = ['connected', 'no_answer', 'busy', 'left_message'];

export interface ActivityFields {
  kind: string;
  subject: string;
  body: string | null;
  direction: string | null;
  durationSeconds: number | null;
  outcome: string | null;
}

export function activity(random: Random): ActivityFields {
  const kind = random.pick(KINDS);
  const call = kind === 'call';
  return {
    kind,
    subject: random.pick(SUBJECTS[kind]),
    body: random.chance(0.3) ? 'Müştəri ilə danışıldı, növbəti addım razılaşdırıldı.' : null,
    direction: call || kind === 'email' ? (random.chance(0.6) ? 'outbound' : 'inbound') : null,
    durationSeconds: call ? 20 + random.int(900) : null,
    outcome: call ? random.pick(OUTCOMES) : null,
  };
}
