import type { Type } from '@nestjs/common';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { eventTopic } from '@ledger/contracts';
import type { ProjectionDefinition } from '@ledger/projections';

/** A service's name: lower-case words joined by `-`, e.g. `meeting-prep` (see `serviceName`). */
export type ServiceName = string;

/**
 * Everything the runtime, the migrations and the tools know of a service: the one place it is
 * declared. `F` is the services it follows as a literal type (`follows: ['evidence']` gives
 * `'evidence'`), so the service's handler maps and message handlers can be typed from the
 * descriptor (`(typeof claimsService.follows)[number]`) instead of a second list.
 */
export interface ServiceDescriptor<F extends ServiceName = ServiceName> {
  name: ServiceName;
  /** Table prefix the service owns, e.g. `claims_`. */
  prefix: string;
  /** Stream categories the service appends to. */
  categories: readonly string[];
  /** The topic its relay publishes its own events to, `eventTopic(name)`. */
  topic: string;
  /** The services whose topics it consumes (multi-node); never itself. */
  follows: readonly F[];
  projections: readonly ProjectionDefinition[];
  module: Type<unknown>;
  registerRoutes: (registry: OpenAPIRegistry) => void;
  /** The HTTP path prefixes it answers, e.g. `/v1/claims` (the multi-node gateway routes by them). */
  paths: readonly string[];
}

/** What a service package writes; the rest is derived from it. */
export type ServiceDeclaration<F extends ServiceName = ServiceName> = Omit<ServiceDescriptor<F>, 'topic'>;

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const PREFIX = /^[a-z][a-z0-9]*(_[a-z0-9]+)*_$/;
// A category is the part of a stream id before its first `-`.
const CATEGORY = /^[a-z][a-z0-9]*$/;
const PATH = /^\/[A-Za-z0-9/_-]*[A-Za-z0-9_-]$/;

/** Checks a service name; names become topics, consumer groups, roles and environment variables. */
export function serviceName(value: string): ServiceName {
  if (!NAME.test(value)) throw new Error(`service name "${value}" must be lower-case words joined by "-"`);
  return value;
}

function check(pattern: RegExp, what: string, values: readonly string[], service: string): void {
  const bad = values.find((value) => !pattern.test(value));
  if (bad !== undefined) throw new Error(`service ${service}: ${what} "${bad}" is not valid`);
}

/** A service descriptor from its declaration: names checked, the topic built from the name. */
export function defineService<F extends ServiceName>(declaration: ServiceDeclaration<F>): ServiceDescriptor<F> {
  const name = serviceName(declaration.name);
  check(PREFIX, 'table prefix', [declaration.prefix], name);
  check(CATEGORY, 'stream category', declaration.categories, name);
  check(NAME, 'followed service', declaration.follows, name);
  check(PATH, 'path prefix', declaration.paths, name);
  if (declaration.categories.length === 0) throw new Error(`service ${name} declares no stream category`);
  if (declaration.follows.some((followed) => followed === name)) throw new Error(`service ${name} follows itself`);
  return { ...declaration, topic: eventTopic(name) };
}
