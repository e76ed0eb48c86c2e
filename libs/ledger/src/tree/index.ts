export { MERKLE_TILES_TABLE, insertTiles, readTileMaterial, type TileRequest } from './merkleTiles';
export { TILE_WIDTH } from './tileLayout';
export { PgHashReader } from './pgHashReader';
export { TileCache } from './tileCache';
export { integrateLeaves, type OrgLeaves } from './integrateLeaves';
export { TreeProofs, proofToHex, type ConsistencyProof, type InclusionProof } from './treeProofs';
