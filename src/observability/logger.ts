import pino from 'pino';

/** Structured JSON logs on stdout; LOG_LEVEL sets the level (the test runner sets silent). */
export const logger = pino({
  level: process.env.LOG_LEVEL || 'info',
  base: { service: 'xiangyang-quality-graph' },
});
