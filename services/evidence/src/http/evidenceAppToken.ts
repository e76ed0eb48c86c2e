/** The injection token of the EvidenceApp the controllers call. */
export const EVIDENCE_APP = Symbol('EVIDENCE_APP');
