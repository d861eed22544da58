/**
 * Fixed secrets for the local stand-in, so the bot, the tests and the playground agree without
 * configuration. They protect nothing: the stand-in listens on 127.0.0.1 and is never Slack.
 */
export const LOCAL_SIGNING_SECRET = 'snapcopy-local-signing-secret';
export const LOCAL_BOT_TOKEN = 'xoxb-snapcopy-local-bot-token';
/** The app-level token (`connections:write`) Socket Mode connects with. */
export const LOCAL_APP_TOKEN = 'xapp-snapcopy-local-app-token';
