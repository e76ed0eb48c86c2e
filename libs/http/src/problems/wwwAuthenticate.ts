/** The protection space every route's 401 names (RFC 6750 section 3). */
export const AUTH_REALM = 'ledger';

/** RFC 6750 allows only %x20-21 / %x23-5B / %x5D-7E in `error_description`: no quote, no backslash. */
function descriptionText(detail: string): string {
  return detail
    .replace(/"/g, "'")
    .replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '')
    .slice(0, 200);
}

/**
 * The `WWW-Authenticate` challenge of a 401. A request that carried no bearer token gets the
 * bare challenge; one whose token was refused also gets `error="invalid_token"` and the reason
 * (which names the failed check, never the token's content).
 */
export function bearerChallenge(authorization: string | undefined, detail: string | undefined): string {
  const challenge = `Bearer realm="${AUTH_REALM}"`;
  const gaveToken = authorization !== undefined && /^\s*Bearer\s+\S/i.test(authorization);
  if (!gaveToken) return challenge;
  const description = detail === undefined ? '' : `, error_description="${descriptionText(detail)}"`;
  return `${challenge}, error="invalid_token"${description}`;
}
