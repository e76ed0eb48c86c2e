export { MERKLE_NODES_TABLE, insertOrgNodes, readOrgNodes, type OrgAddress, type OrgNode } from './merkleNodes';
export { PgHashReader } from './pgHashReader';
export { integrateLeaves, type OrgLeaves } from './integrateLeaves';
export { TreeProofs, proofToHex, type ConsistencyProof, type InclusionProof } from './treeProofs';
