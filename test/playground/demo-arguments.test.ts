import { describe, expect, it } from 'vitest';
import { DemoUsageError, parseDemoArguments } from '../../src/local/demo/demo-arguments.ts';

describe('parseDemoArguments', () => {
  it("defaults to port 8080 on 127.0.0.1 at speed 2, under Slack's rate limits", () => {
    expect(parseDemoArguments([])).toEqual({
      port: 8080,
      host: '127.0.0.1',
      speed: 2,
      rateLimits: true,
      socketMode: false,
      help: false,
    });
  });

  it('turns the rate limits off with --no-rate-limits', () => {
    expect(parseDemoArguments(['--no-rate-limits']).rateLimits).toBe(false);
  });

  it('runs the bot in Socket Mode with --socket-mode', () => {
    expect(parseDemoArguments(['--socket-mode']).socketMode).toBe(true);
  });

  it('reads --port, --speed and --host', () => {
    expect(parseDemoArguments(['--port', '9090', '--speed=2.5', '--host', '0.0.0.0'])).toEqual({
      port: 9090,
      host: '0.0.0.0',
      speed: 2.5,
      rateLimits: true,
      socketMode: false,
      help: false,
    });
  });

  it.each([
    [['--port', 'http']],
    [['--port', '70000']],
    [['--speed', '0']],
    [['--speed', 'fast']],
    [['--colour']],
    [['extra']],
  ])('refuses %j with a usage error', (argv) => {
    expect(() => parseDemoArguments(argv)).toThrow(DemoUsageError);
  });
});
