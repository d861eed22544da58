import { describe, expect, it } from 'vitest';
import { createLogger, registerSecret } from '../../src/observability/logger.ts';

describe('logger', () => {
  it('masks registered secrets anywhere in the line, including inside errors', () => {
    const lines: string[] = [];
    registerSecret('xoxb-very-secret-token');
    const logger = createLogger('test', { write: (line) => lines.push(line) });
    logger.error('call failed', { error: new Error('POST https://x/?token=xoxb-very-secret-token failed') });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('xoxb-very-secret-token');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'error',
      component: 'test',
      message: 'call failed',
    });
  });

  it('drops lines below the level', () => {
    const lines: string[] = [];
    const logger = createLogger('test', { level: 'warn', write: (line) => lines.push(line) });
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((line) => (JSON.parse(line) as { message: string }).message)).toEqual(['loud']);
  });
});
