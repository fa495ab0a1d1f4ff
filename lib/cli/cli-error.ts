/** An error whose message is the whole story for the operator (printed without a stack trace). */
export class CliError extends Error {}
