export {
  handleCommand,
  DEFAULT_COMMAND_ATTEMPTS,
  type CommandEvent,
  type CommandOptions,
  type CommandResult,
  type CommandStore,
  type LoadedStream,
} from './handleCommand';
