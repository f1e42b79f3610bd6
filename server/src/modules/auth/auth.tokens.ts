/** Injection token of the access-token signing secret. */
export const JWT_SECRET = Symbol('JWT_SECRET');
