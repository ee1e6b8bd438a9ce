import { ConfigError } from './config.js';

/** Runs a command-line entry point: configuration problems and Prisma's errors print their message and exit 1, no stack trace. */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`error: ${error.message}`);
      process.exit(1);
    }
    // Prisma's errors (its schema engine's among them, whose stack is WebAssembly frames) say what is wrong.
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && /^P\d{4}$/.test(code)) {
      console.error(`error: ${(error as Error).message.trim()} (Prisma ${code})`);
      process.exit(1);
    }
    throw error;
  }
}
