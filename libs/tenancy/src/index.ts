export { ROLES, isRole, type Role, type Principal } from './principal';
export { TenancyError, type TenancyErrorCode } from './tenancyError';
export { bearerToken, verifyToken, type TokenVerifierOptions } from './token/tokenVerifier';
export { issueToken, type DevIssuerOptions } from './token/devIssuer';
export {
  jwksVerifierOptions,
  JWKS_ALGORITHMS,
  KeySetUnavailableError,
  type JwksSettings,
} from './token/jwksVerifier';
export { requireRole } from './requireRole';
export { withOrgTransaction, orgRowSecuritySql, ORG_SETTING } from './scope/orgTransaction';
export { eventMetadata, systemContext, type RequestContext, type ViewBehind, type ViewReport } from './requestContext';
