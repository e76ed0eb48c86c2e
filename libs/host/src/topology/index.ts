export { checkTopology, checkTopologyConfig } from './checkTopology';
export { checkDistinctClaims } from './descriptorClaims';
export { pgPrivilegeProbe, type PrivilegeProbe, type WritableTable } from './privilegeProbe';
export { readTopologyConfig, TOPOLOGIES, type Topology, type TopologyConfig } from './topologyConfig';
export { TopologyError, type TopologyErrorCode } from './topologyError';
export { refuseRowSecurityBypass } from './rowSecurityGate';
