import type { components } from './api-schema';

/** Request and response bodies of the server, generated from its OpenAPI document. */
export type Schemas = components['schemas'];
export type Schema<K extends keyof Schemas> = Schemas[K];
export type Problem = Schema<'ProblemDto'>;
