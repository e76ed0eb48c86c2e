export {
  startOtlpReceiver,
  type OtlpReceiver,
  type ReceivedMetric,
  type ReceivedSpan,
} from './src/testing/otlpReceiver';
export { CollectingReader } from './src/testing/collectingReader';
export { installRecordingTracer, type RecordingTracer } from './src/testing/recordingTracer';
