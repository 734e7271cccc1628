/**
 * The diagnostics' messages: the English and French tables joined by `defineMessages`, so that each code's
 * arguments are typed and the French table has the same codes and placeholders as the English one.
 */
import type { ArgsOf, ArgsTuple } from '../messages/define-messages.js';
import { defineMessages } from '../messages/define-messages.js';
import { messagesEn } from './messages.en.js';
import { messagesFr } from './messages.fr.js';

export const diagnosticMessages = defineMessages({ en: messagesEn, fr: messagesFr });

export type { MessageCode } from './messages.en.js';

/** The arguments a diagnostic with code `C` takes (`{name, hint}` for `unknown-name`). */
export type DiagnosticArgs<C extends keyof typeof messagesEn> = ArgsTuple<(typeof messagesEn)[C]>;

/** The same as one object (for helpers that always pass one). */
export type DiagnosticArgsOf<C extends keyof typeof messagesEn> = ArgsOf<(typeof messagesEn)[C]>;
