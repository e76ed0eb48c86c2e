/** Injection token of the ClaimsApp the controllers call. */
export const CLAIMS_APP = Symbol('CLAIMS_APP');
