import type { EntityManager } from 'typeorm';
import { inActorTransaction } from '../common/database/actor-transaction';
import { AuditService } from '../modules/audit/audit.service';
import { generateOneTimePassword, hashPassword } from '../modules/auth/passwords';
import { RolesRepository } from '../modules/auth/roles.repository';
import { TeamsRepository } from '../modules/auth/teams.repository';
import { createUser } from '../modules/auth/user-changes';
import { UsersRepository } from '../modules/auth/users.repository';
import { CompaniesRepository } from '../modules/customers/companies.repository';
import { ActivitiesRepository, ActivityFields } from '../modules/customers/activities.repository';
import { ContactSeed, ContactsRepository } from '../modules/customers/contacts.repository';
import { ACTIVITY_KINDS, type ActivityKind, CALL_OUTCOMES } from '../modules/customers/dto/activity.dto';
import { LIFECYCLES, SOURCES } from '../modules/customers/dto/customer-parts.dto';
import { DealSeed, DealsRepository } from '../modules/sales/deals.repository';
import { PipelinesRepository, StageRow } from '../modules/sales/pipelines.repository';
import { CliCommand, cliContext, CommandFailure, EXIT, UsageError } from './cli-command';

type Language = 'az' | 'en';

interface DemoPerson {
  login: string;
  name: string;
  role: string;
  /** Index into the language's teams; `lead` marks the team lead. */
  team?: number;
  lead?: boolean;
}

interface DemoSet {
  teams: string[];
  people: DemoPerson[];
  first: { male: string[]; female: string[] };
  last: { male: string[]; female: string[] };
  phone(random: () => number): string;
  domain: string;
  companies: { name: string; industry: string }[];
  jobTitles: string[];
  /** What reps write when they log a call, an e-mail, a meeting or a note, and plan as a next step. */
  activities: Record<ActivityKind, string[]>;
  nextSteps: string[];
  tags: string[];
  /** Deals: the currency, what they are about, products for line items, and notes on lost ones. */
  currency: string;
  dealTopics: string[];
  products: { name: string; price: number }[];
  lostNotes: string[];
}

const digits = (random: () => number, count: number): string => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');

const DEMO: Record<Language, DemoSet> = {
  az: {
    teams: ['Satış — Bakı', 'Satış — Gəncə'],
    people: [
      { login: 'demo.leyla', name: 'Həsənova Leyla', role: 'team_lead', team: 0, lead: true },
      { login: 'demo.aysel', name: 'Məmmədova Aysel', role: 'sales_rep', team: 0 },
      { login: 'demo.orxan', name: 'Quliyev Orxan', role: 'sales_rep', team: 0 },
      { login: 'demo.fuad', name: 'Rzayev Fuad', role: 'team_lead', team: 1, lead: true },
      { login: 'demo.nermin', name: 'Əliyeva Nərmin', role: 'sales_rep', team: 1 },
      { login: 'demo.tural', name: 'İsmayılov Tural', role: 'sales_rep', team: 1 },
      { login: 'demo.kamran', name: 'Abbasov Kamran', role: 'manager' },
      { login: 'demo.sebine', name: 'Cəfərova Səbinə', role: 'auditor' },
    ],
    first: {
      male: ['Elçin', 'Rəşad', 'Orxan', 'Tural', 'Vüqar', 'Kamran', 'Elnur', 'Fuad', 'Nicat', 'Ramil', 'Səbuhi', 'Ceyhun'],
      female: ['Aysel', 'Nərmin', 'Günay', 'Leyla', 'Sevinc', 'Aytən', 'Könül', 'Ülviyyə', 'Səbinə', 'Lalə', 'Fidan', 'Türkan'],
    },
    last: {
      male: ['Məmmədov', 'Əliyev', 'Quliyev', 'Həsənov', 'Hüseynov', 'İsmayılov', 'Abbasov', 'Cəfərov', 'Rzayev', 'Nəsibov', 'Bağırov', 'Şükürov'],
      female: ['Məmmədova', 'Əliyeva', 'Quliyeva', 'Həsənova', 'Hüseynova', 'İsmayılova', 'Abbasova', 'Cəfərova', 'Rzayeva', 'Nəsibova', 'Bağırova', 'Şükürova'],
    },
    phone: (random) => `+994${['50', '51', '55', '70', '77', '99'][Math.floor(random() * 6)]}${digits(random, 7)}`,
    domain: 'example.az',
    companies: [
      { name: 'Xəzər Logistika MMC', industry: 'Logistika' },
      { name: 'Qafqaz Tikinti MMC', industry: 'Tikinti' },
      { name: 'Abşeron Ticarət ASC', industry: 'Topdan satış' },
      { name: 'Gəncə Tekstil MMC', industry: 'Toxuculuq' },
      { name: 'Şirvan Enerji MMC', industry: 'Enerji' },
      { name: 'Lənkəran Çay Evi MMC', industry: 'Qida' },
      { name: 'Şəki İpək ASC', industry: 'Toxuculuq' },
      { name: 'Kür Nəqliyyat MMC', industry: 'Nəqliyyat' },
    ],
    jobTitles: ['Direktor', 'Satış meneceri', 'Baş mühasib', 'Təchizat üzrə mütəxəssis', 'Marketinq meneceri'],
    activities: {
      call: ['Qiymət təklifi barədə zəng', 'Çatdırılma müddətini dəqiqləşdirdik', 'Yeni məhsullar haqqında danışdıq', 'Ödəniş barədə xatırlatma', 'İlk tanışlıq zəngi'],
      email: ['Kommersiya təklifi göndərildi', 'Müqavilə layihəsi göndərildi', 'Qiymət siyahısı göndərildi', 'Görüşün təsdiqi'],
      meeting: ['Ofisdə görüş', 'Məhsul təqdimatı', 'Müqavilə şərtlərinin müzakirəsi'],
      note: ['Müştəri endirim istəyir, rəhbərliklə razılaşdırmaq lazımdır', 'Qərarı maliyyə direktoru verir', 'Növbəti rübdə böyük sifariş planlaşdırırlar'],
    },
    nextSteps: ['Təklifə cavabı soruşmaq', 'Müqaviləni imzalatmaq', 'Təqdimat üçün görüş təyin etmək', 'Ödənişi xatırlatmaq'],
    tags: ['VIP', 'topdan', 'pərakəndə', 'sərgi-2026', 'partnyor'],
    currency: 'AZN',
    dealTopics: ['lisenziyaların yenilənməsi', 'yeni ofis üçün avadanlıq', 'illik xidmət müqaviləsi', 'pilot layihə', 'topdan sifariş', 'təlim proqramı'],
    products: [
      { name: 'CRM lisenziyası (1 il)', price: 240 },
      { name: 'Quraşdırma və təlim', price: 1500 },
      { name: 'Server avadanlığı', price: 8900 },
      { name: 'Texniki dəstək (ay)', price: 350 },
      { name: 'Ofis mebeli dəsti', price: 4200 },
      { name: 'Çatdırılma xidməti', price: 180 },
    ],
    lostNotes: ['Rəqib 15% ucuz təklif verdi', 'Layihə gələn ilə keçdi', 'Rəhbərlik büdcəni təsdiq etmədi'],
  },
  en: {
    teams: ['Sales — London', 'Sales — Manchester'],
    people: [
      { login: 'demo.emma', name: 'Emma Clarke', role: 'team_lead', team: 0, lead: true },
      { login: 'demo.oliver', name: 'Oliver Smith', role: 'sales_rep', team: 0 },
      { login: 'demo.sophie', name: 'Sophie Turner', role: 'sales_rep', team: 0 },
      { login: 'demo.james', name: 'James Walker', role: 'team_lead', team: 1, lead: true },
      { login: 'demo.amelia', name: 'Amelia Hughes', role: 'sales_rep', team: 1 },
      { login: 'demo.harry', name: 'Harry Evans', role: 'sales_rep', team: 1 },
      { login: 'demo.grace', name: 'Grace Wilson', role: 'manager' },
      { login: 'demo.thomas', name: 'Thomas Wright', role: 'auditor' },
    ],
    first: {
      male: ['James', 'Oliver', 'Harry', 'George', 'Jack', 'Thomas', 'William', 'Daniel', 'Samuel', 'Joseph'],
      female: ['Emma', 'Olivia', 'Amelia', 'Isla', 'Sophie', 'Grace', 'Lily', 'Chloe', 'Ella', 'Lucy'],
    },
    last: {
      male: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans'],
      female: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans'],
    },
    phone: (random) => `+447${digits(random, 9)}`,
    domain: 'example.co.uk',
    companies: [
      { name: 'Thames Logistics Ltd', industry: 'Logistics' },
      { name: 'Pennine Construction Ltd', industry: 'Construction' },
      { name: 'Mersey Trading plc', industry: 'Wholesale' },
      { name: 'Cotswold Textiles Ltd', industry: 'Textiles' },
      { name: 'Northern Power Ltd', industry: 'Energy' },
      { name: 'Kentish Tea Co Ltd', industry: 'Food' },
      { name: 'Severn Silk plc', industry: 'Textiles' },
      { name: 'Clyde Transport Ltd', industry: 'Transport' },
    ],
    jobTitles: ['Managing Director', 'Sales Manager', 'Chief Accountant', 'Buyer', 'Marketing Manager'],
    activities: {
      call: ['Call about the quote', 'Confirmed the delivery date', 'Talked about the new range', 'Payment reminder', 'First call'],
      email: ['Sent the quote', 'Sent the draft contract', 'Sent the price list', 'Confirmed the meeting'],
      meeting: ['Meeting at their office', 'Product demonstration', 'Contract terms'],
      note: ['Asks for a discount; check with management', 'The finance director decides', 'Plans a large order next quarter'],
    },
    nextSteps: ['Ask for an answer to the quote', 'Get the contract signed', 'Arrange a demonstration', 'Remind them of the payment'],
    tags: ['VIP', 'wholesale', 'retail', 'trade-fair-2026', 'partner'],
    currency: 'GBP',
    dealTopics: ['licence renewal', 'equipment for the new office', 'annual service contract', 'pilot project', 'wholesale order', 'training programme'],
    products: [
      { name: 'CRM licence (1 year)', price: 120 },
      { name: 'Installation and training', price: 900 },
      { name: 'Server hardware', price: 4500 },
      { name: 'Support (month)', price: 180 },
      { name: 'Office furniture set', price: 2100 },
      { name: 'Delivery', price: 90 },
    ],
    lostNotes: ['A competitor offered 15% less', 'The project moved to next year', 'The board did not approve the budget'],
  },
};

/** The same data set on every run: a small linear congruential generator. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const ASCII: Record<string, string> = { ə: 'e', ı: 'i', i̇: 'i', ş: 'sh', ç: 'ch', ğ: 'g', ö: 'o', ü: 'u' };
const mailbox = (first: string, last: string): string =>
  `${first}.${last}`.toLocaleLowerCase('az').replace(/i̇|[əışçğöü]/g, (letter) => ASCII[letter] ?? letter);

/** Contacts with names, phones and e-mails as a company of that language would have them. */
export function demoContacts(language: Language, count: number): { name: string; phone: string; email: string | null }[] {
  const set = DEMO[language];
  const random = seeded(language === 'az' ? 1994 : 1066);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  return Array.from({ length: count }, () => {
    const female = random() < 0.5;
    const first = pick(female ? set.first.female : set.first.male);
    const last = pick(female ? set.last.female : set.last.male);
    const name = language === 'az' ? `${last} ${first}` : `${first} ${last}`;
    return { name, phone: set.phone(random), email: random() < 0.7 ? `${mailbox(first, last)}@${set.domain}` : null };
  });
}

async function insertDemo(
  manager: EntityManager,
  language: Language,
  contacts: number,
  deals: number,
  passwordHash: string,
): Promise<{ users: number; contacts: number; companies: number; activities: number; deals: number }> {
  const set = DEMO[language];
  const users = new UsersRepository(manager.connection);
  const roles = new RolesRepository(manager.connection);
  const deps = { users, audit: new AuditService(manager.connection) };
  const context = cliContext('demo-data');
  const teams = new TeamsRepository(manager.connection);
  const teamIds: string[] = [];
  for (const name of set.teams) {
    teamIds.push(await teams.insert(manager, { name, leadId: null, createdBy: null }));
  }
  const owners: string[] = [];
  for (const person of set.people) {
    const id = await createUser(
      manager,
      deps,
      context,
      { login: person.login, email: `${person.login}@${set.domain}`, displayName: person.name, locale: language, passwordHash, mustChangePassword: false, createdBy: null },
      { roleIds: [(await roles.idByName(manager, person.role))!], teamIds: person.team === undefined ? [] : [teamIds[person.team]] },
    );
    if (person.lead) {
      // The team was inserted above in this transaction, so it is at version 1.
      await teams.update(manager, teamIds[person.team!], 1, { leadId: id });
    }
    if (person.role === 'sales_rep') {
      owners.push(id);
    }
  }
  const contactsRepository = new ContactsRepository(manager.connection, { defaultPhoneRegion: language === 'az' ? 'AZ' : 'GB' });
  const companiesRepository = new CompaniesRepository(manager.connection, { defaultPhoneRegion: language === 'az' ? 'AZ' : 'GB' });
  const random = seeded(language === 'az' ? 2024 : 1215);
  // Two companies per representative; about two thirds of a representative's contacts work for one of them.
  const companies = set.companies.map((company, i) => ({
    ...company, ownerId: owners[i % owners.length], taxId: `${digits(random, 9)}1`, phone: set.phone(random),
  }));
  const companyIds = await companiesRepository.insertMany(manager, companies, null);
  const people = demoContacts(language, contacts);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const activities: ActivityFields[] = [];
  const contactIds: string[] = [];
  for (const [o, ownerId] of owners.entries()) {
    const rows = people.filter((_, i) => i % owners.length === o).map((contact) => ({ ...contact, ...demoStanding(set, random), ownerId }));
    const ids = await contactsRepository.insertManyIds(manager, rows, null);
    contactIds.push(...ids);
    const own = companyIds.filter((_, i) => i % owners.length === o);
    const links = ids.filter(() => random() < 0.67 && own.length > 0).map((contactId) => ({
      contactId, companyId: own[Math.floor(random() * own.length)], jobTitle: pick(set.jobTitles), primary: true,
    }));
    if (links.length > 0) {
      await contactsRepository.insertLinks(manager, links, null);
    }
    for (const contactId of ids) {
      activities.push(...demoActivities(set, random, { contactId, companyId: null, ownerId }));
    }
    for (const companyId of own) {
      activities.push(...demoActivities(set, random, { contactId: null, companyId, ownerId }));
    }
  }
  const contactOwners = await manager.query('SELECT id, owner_id FROM contacts WHERE id = ANY($1::uuid[])', [contactIds]) as { id: string; owner_id: string }[];
  const dealIds = await insertDemoDeals(manager, set, random, deals, owners, contactOwners, companyIds.map((id, i) => ({ id, ownerId: companies[i].ownerId })), activities);
  const activitiesRepository = new ActivitiesRepository(manager.connection);
  await activitiesRepository.insertMany(manager, activities, null);
  await activitiesRepository.refreshLastContacted(manager, contactIds, companyIds, dealIds);
  return { users: set.people.length, contacts: contactIds.length, companies: companyIds.length, activities: activities.length, deals: dealIds.length };
}

/**
 * Deals of the representatives in the first pipeline: most still open across its stages, some
 * won, some lost (with a reason), each walked through its stages over the last months so the
 * stage history is real; line items on some, calls and e-mails logged on about a third.
 */
async function insertDemoDeals(
  manager: EntityManager,
  set: DemoSet,
  random: () => number,
  count: number,
  owners: string[],
  contacts: { id: string; owner_id: string }[],
  companies: { id: string; ownerId: string }[],
  activities: ActivityFields[],
): Promise<string[]> {
  const pipelines = new PipelinesRepository(manager.connection);
  const pipeline = await pipelines.firstActive(manager);
  if (!pipeline || count === 0 || owners.length === 0) {
    return [];
  }
  const open = pipeline.stages.filter((stage) => stage.kind === 'open');
  const won = pipeline.stages.find((stage) => stage.kind === 'won');
  const lost = pipeline.stages.find((stage) => stage.kind === 'lost');
  const reasons = (await pipelines.lostReasons()).filter((reason) => !reason.archived);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const now = Date.now();
  const seeds: DealSeed[] = Array.from({ length: count }, (_, i) => {
    const ownerId = owners[i % owners.length];
    const ownContacts = contacts.filter((c) => c.owner_id === ownerId);
    const ownCompanies = companies.filter((c) => c.ownerId === ownerId);
    const company = ownCompanies.length > 0 && random() < 0.6 ? pick(ownCompanies) : undefined;
    const contact = ownContacts.length > 0 && random() < 0.8 ? pick(ownContacts) : undefined;
    const roll = random();
    const outcome = roll < 0.15 && won ? won : roll < 0.3 && lost && reasons.length > 0 ? lost : undefined;
    // Open deals spread over the open stages, fewer in the later ones; closed ones went some way first.
    const reached = outcome ? Math.floor(random() * open.length) : Math.min(open.length - 1, Math.floor(random() * random() * (open.length + 1)));
    const stages: StageRow[] = [...open.slice(0, reached + 1).filter((_, k) => k === 0 || k === reached || random() < 0.8), ...(outcome ? [outcome] : [])];
    let at = now - (stages.length * 12 + 1 + random() * 30) * DAY;
    const path = stages.map((stage) => {
      const step = { stageId: stage.id, at: new Date(at) };
      at += (1 + random() * 11) * DAY;
      return step;
    });
    const lineItems = random() < 0.3
      ? Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
        const product = pick(set.products);
        return { name: product.name, quantity: 1 + Math.floor(random() * 20), unitPrice: product.price, discountPercent: random() < 0.4 ? pick([5, 10, 15]) : 0 };
      })
      : [];
    const last = path[path.length - 1].at.getTime();
    const closeAt = outcome ? last : now + (random() * 100 - 10) * DAY;
    return {
      title: `${company ? set.companies[companies.indexOf(company)].name : set.companies[i % set.companies.length].name}: ${pick(set.dealTopics)}`,
      amount: lineItems.length > 0 ? null : 50 * Math.round((500 + random() * 40_000) / 50),
      currency: set.currency,
      expectedCloseDate: new Date(closeAt).toISOString().slice(0, 10),
      pipelineId: pipeline.id,
      path,
      closed: outcome !== undefined,
      contactId: contact?.id ?? null,
      companyId: company?.id ?? null,
      source: pick(SOURCES),
      tags: random() < 0.3 ? [pick(set.tags)] : [],
      lostReasonId: outcome === lost ? pick(reasons).id : null,
      lostNote: outcome === lost && random() < 0.5 ? pick(set.lostNotes) : null,
      ownerId,
      lineItems,
    };
  });
  const ids = await new DealsRepository(manager.connection).insertMany(manager, seeds, null);
  for (const [i, seed] of seeds.entries()) {
    if (random() < 0.35) {
      activities.push(...demoActivities(set, random, { contactId: seed.contactId, companyId: seed.contactId ? null : seed.companyId, dealId: ids[i], ownerId: seed.ownerId }));
    }
  }
  return ids;
}

const DAY = 86_400_000;

/** Up to six calls, e-mails, meetings and notes of the last 90 days on one contact or company. */
function demoActivities(set: DemoSet, random: () => number, about: Pick<ActivityFields, 'contactId' | 'companyId' | 'ownerId'> & { dealId?: string | null }): ActivityFields[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  return Array.from({ length: Math.floor(random() * 7) }, () => {
    const kind = pick<ActivityKind>(['call', 'call', 'call', ...ACTIVITY_KINDS]);
    const call = kind === 'call';
    const minutes = Math.floor(random() * 90 * 24 * 60);
    return {
      dealId: null,
      ...about,
      kind,
      occurredAt: new Date(Date.now() - minutes * 60_000).toISOString(),
      subject: pick(set.activities[kind]),
      body: kind === 'note' || random() < 0.3 ? pick(set.activities.note) : null,
      direction: call || kind === 'email' ? (random() < 0.7 ? 'outbound' : 'inbound') : null,
      durationSeconds: call ? 30 + Math.floor(random() * 900) : kind === 'meeting' ? 1800 + 900 * Math.floor(random() * 5) : null,
      outcome: call ? (random() < 0.65 ? 'connected' : pick(CALL_OUTCOMES)) : null,
    };
  });
}

/** Lifecycle, source and tags of a demo contact; a next step for one in four, some of them overdue. */
function demoStanding(set: DemoSet, random: () => number): Pick<ContactSeed, 'lifecycle' | 'source' | 'tags' | 'nextStep' | 'nextStepAt'> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const planned = random() < 0.25;
  return {
    lifecycle: pick(LIFECYCLES),
    source: pick(SOURCES),
    tags: random() < 0.4 ? [pick(set.tags)] : [],
    nextStep: planned ? pick(set.nextSteps) : null,
    // From two days ago (overdue) to ten days ahead, on the hour.
    nextStepAt: planned ? new Date(Math.floor((Date.now() + (random() * 12 - 2) * DAY) / 3_600_000) * 3_600_000).toISOString() : null,
  };
}

export const DEMO_COMMANDS: CliCommand[] = [
  {
    name: 'demo-data',
    summary: 'fill a trial installation with demo teams, users and customers',
    options: {
      language: { type: 'string', value: 'az|en', description: 'Azerbaijani (default) or English names, phones and teams' },
      contacts: { type: 'string', value: '<count>', description: 'how many contacts (default 200, at most 100000)' },
      deals: { type: 'string', value: '<count>', description: 'how many deals (default 300, at most 100000)' },
    },
    notes: [
      'Creates two sales teams, each with a lead and two representatives, a manager and an auditor',
      '(logins demo.*) sharing one generated password, printed once, and companies and contacts (with',
      'phones, e-mails, job titles, lifecycle, source, tags and next steps) owned by the representatives,',
      'with calls, e-mails, meetings and notes of the last 90 days, and deals across the stages of the first',
      'pipeline (with line items, lost reasons and their stage history). Everything is audited as made by the',
      'system. Meant for trial installations: it refuses to run twice.',
    ].join('\n'),
    async run({ io, dataSource }, { options }) {
      const language = (options.language ?? 'az') as string;
      if (language !== 'az' && language !== 'en') {
        throw new UsageError(`--language must be az or en, not "${language}"`);
      }
      const contacts = options.contacts === undefined ? 200 : Number(options.contacts);
      if (!Number.isInteger(contacts) || contacts < 0 || contacts > 100_000) {
        throw new UsageError(`--contacts must be a whole number from 0 to 100000, not "${String(options.contacts)}"`);
      }
      const deals = options.deals === undefined ? 300 : Number(options.deals);
      if (!Number.isInteger(deals) || deals < 0 || deals > 100_000) {
        throw new UsageError(`--deals must be a whole number from 0 to 100000, not "${String(options.deals)}"`);
      }
      if (await new UsersRepository(dataSource).loginPrefixExists(dataSource.manager, 'demo.')) {
        throw new CommandFailure('the demo data is already there (users demo.*)');
      }
      const password = generateOneTimePassword();
      const passwordHash = await hashPassword(password);
      const made = await inActorTransaction(dataSource, cliContext('demo-data'), (manager) => insertDemo(manager, language, contacts, deals, passwordHash));
      io.stdout.write(
        [
          `Created ${DEMO[language].teams.length} teams, ${made.users} users, ${made.companies} companies, ${made.contacts} contacts, ${made.deals} deals and ${made.activities} activities.`,
          `Users: ${DEMO[language].people.map((p) => `${p.login} (${p.role})`).join(', ')}.`,
          'Their password, shown only now:',
          password,
          '',
        ].join('\n'),
      );
      return EXIT.ok;
    },
  },
];
