import { ConfigError } from './config.js';

/** Runs a command-line entry point: configuration problems print one line and exit 1, no stack trace. */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
