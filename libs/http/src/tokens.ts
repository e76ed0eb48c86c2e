/** Injection tokens of what the core module provides to every service module. */
export const LEDGER = Symbol('LEDGER');
export const DB_POOL = Symbol('DB_POOL');
export const PROJECTION_WAITER = Symbol('PROJECTION_WAITER');
export const ACCESS_RECORDER = Symbol('ACCESS_RECORDER');
export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
export const READINESS = Symbol('READINESS');
export const OPENAPI_DOCUMENT = Symbol('OPENAPI_DOCUMENT');
/** The process's pino logger, for the few lines a service module writes outside a request. */
export const APP_LOGGER = Symbol('APP_LOGGER');
