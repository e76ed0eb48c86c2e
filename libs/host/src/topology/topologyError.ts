/** Why a process refused to start; stable, so operators and tests can match on it. */
export type TopologyErrorCode =
  | 'TOPOLOGY_UNKNOWN'
  | 'TOPOLOGY_UNKNOWN_SERVICE'
  | 'TOPOLOGY_PREFIX_CLAIMED_TWICE'
  | 'TOPOLOGY_CATEGORY_CLAIMED_TWICE'
  | 'TOPOLOGY_SINGLE_NODE_SUBSET'
  | 'TOPOLOGY_MULTI_NODE_NO_BROKERS'
  | 'TOPOLOGY_MULTI_NODE_SEVERAL_SERVICES'
  | 'TOPOLOGY_FOREIGN_TABLES_WRITABLE'
  | 'TOPOLOGY_CATEGORIES_NOT_OWNED'
  | 'TOPOLOGY_COMMAND_SINGLE_NODE_ONLY'
  | 'TOPOLOGY_COMMAND_MULTI_NODE_ONLY'
  | 'TOPOLOGY_NO_DATABASE'
  | 'TOPOLOGY_NO_TOKEN_SECRET'
  | 'TOPOLOGY_BAD_SETTING'
  | 'TOPOLOGY_BYPASSES_ROW_SECURITY';

/** A start-up refusal: the message is one line naming the problem, the code never changes. */
export class TopologyError extends Error {
  constructor(
    readonly code: TopologyErrorCode,
    detail: string,
  ) {
    super(`topology: ${detail}`);
    this.name = 'TopologyError';
  }
}
