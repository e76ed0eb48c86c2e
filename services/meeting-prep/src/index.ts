export * from './meetingPrepError';
export * from './citations/citation';
export * from './brief/disclaimer';
export * from './brief/bullet';
export * from './brief/brief';
export * from './compliance/compliancePhrases';
export * from './compose/briefInput';
export * from './compose/meetingWindow';
export * from './compose/order';
export { composeBrief, briefStreamId } from './compose/composeBrief';
export {
  BRIEF_COMPOSED,
  BRIEF_VIEWED,
  briefAccessStreamId,
  briefComposedData,
  briefComposedPersonal,
  type BriefComposedData,
} from './record/briefEvents';
export { meetingPrepProjection } from './projection/meetingPrepProjection';
export { MEETING_PREP_PROJECTION } from './projection/tables';
export { MeetingPrepApp } from './meetingPrep.app';
export type { MeetingPrepDeps, MeetingPrepOptions } from './meetingPrep.deps';
export type { ComposeBriefInput } from './compose-brief/composeInput';
export type { BriefView, BulletView, BriefSectionView } from './record/briefView';
export type { BriefPage, BriefSummary, ListBriefsInput } from './list-briefs/listBriefs.handler';
export { MeetingPrepModule } from './meetingPrep.module';
export { meetingPrepService } from './meetingPrep.descriptor';
