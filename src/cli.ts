/**
 * `snapcopy <command>`: the one entry point for the bot and the local stand-ins.
 * Each command is loaded on demand so starting one never loads the others' dependencies.
 */
interface CommandModule {
  run(argv: string[]): Promise<void>;
}

const commands: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  bot: { summary: 'run the Slack bot', load: () => import('./app/bot-command.ts') },
  audit: {
    summary: 'export the audit log as JSON lines',
    load: () => import('./app/audit-command.ts'),
  },
  reconcile: {
    summary: 'list copies without a record, records without their copy, copies of ended requests',
    load: () => import('./app/reconcile-command.ts'),
  },
  cloud: {
    summary: 'run the local Alibaba Cloud (ECS + KMS) stand-in',
    load: () => import('./local/alibaba/cli.ts'),
  },
  demo: {
    summary: 'run the whole flow locally: both stand-ins and the bot, in a browser playground',
    load: () => import('./local/demo/demo-command.ts'),
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`);
  return ['usage: snapcopy <command> [options]', '', 'commands:', ...lines].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(usage());
    process.exitCode = name === undefined || name === 'help' || name === '--help' ? 0 : 2;
    return;
  }
  const module = await command.load();
  await module.run(rest);
}

await main(process.argv.slice(2));
