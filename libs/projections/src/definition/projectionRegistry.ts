import { ProjectionError } from '../errors/projectionError';
import { validateDefinition, type ProjectionDefinition } from './projectionDefinition';

/** The projections a process (or the on-call CLI) knows about, by name. */
export class ProjectionRegistry {
  private readonly definitions = new Map<string, ProjectionDefinition>();

  constructor(definitions: readonly ProjectionDefinition[] = []) {
    for (const definition of definitions) this.register(definition);
  }

  register(definition: ProjectionDefinition): this {
    validateDefinition(definition);
    if (this.definitions.has(definition.name)) throw new Error(`projection ${definition.name} is already registered`);
    const owned = new Set(this.list().flatMap((other) => other.tables.map((table) => table.name)));
    for (const table of definition.tables) {
      if (owned.has(table.name)) throw new Error(`table ${table.name} is already owned by another projection`);
    }
    this.definitions.set(definition.name, definition);
    return this;
  }

  get(name: string): ProjectionDefinition {
    const definition = this.definitions.get(name);
    if (!definition) throw new ProjectionError('PROJECTIONS.UNKNOWN_PROJECTION', `no projection named ${name}`);
    return definition;
  }

  list(): ProjectionDefinition[] {
    return [...this.definitions.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
