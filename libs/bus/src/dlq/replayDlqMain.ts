import { runReplayDlqCli } from './replayDlqCli';

// tsx libs/bus/src/dlq/replayDlqMain.ts --topic todox.evidence.events.v1.dlq --event-id <id>
void runReplayDlqCli(process.argv).then((code) => {
  process.exitCode = code;
});
