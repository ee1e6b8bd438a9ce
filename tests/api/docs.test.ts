import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmeFile, readmeWithDiagram } from '../../scripts/er-diagram.js';

describe('the README', () => {
  it('shows the ER diagram of the current Prisma schema (npm run docs:er rewrites it)', () => {
    const readme = fs.readFileSync(readmeFile, 'utf8');
    expect(readme).toBe(readmeWithDiagram(readme));
    expect(readme).toContain('Party }o--o{ Commitment : "commitmentsMade / committedBy"');
  });

  it('shows the set-up commands', () => {
    const readme = fs.readFileSync(readmeFile, 'utf8');
    for (const command of ['npm install', 'npm start', 'npm test']) expect(readme).toContain(command);
  });
});
