// Structured logging: one JSON object per line (pino), so text that users typed and that ends up
// in a message or a field is escaped and can never start a line of its own.
import pino from 'pino';

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: readonly Level[] = ['debug', 'info', 'warn', 'error'];
type Fields = Record<string, unknown>;

const wanted = process.env.LOG_LEVEL as Level | undefined;
const logger = pino({
	level: wanted && LEVELS.includes(wanted) ? wanted : 'info',
	timestamp: pino.stdTimeFunctions.isoTime,
	// "level":"warn" rather than pino's numbers: readable without pino's tools.
	formatters: { level: (label) => ({ level: label }) }
});

function write(level: Level, message: string, fields?: Fields) {
	// Read on every call: tests set LEITSTAND_SILENT after this module has loaded.
	if (process.env.LEITSTAND_SILENT === '1') return;
	if (fields) logger[level](fields, message);
	else logger[level](message);
}

export const log = {
	debug: (message: string, fields?: Fields) => write('debug', message, fields),
	info: (message: string, fields?: Fields) => write('info', message, fields),
	warn: (message: string, fields?: Fields) => write('warn', message, fields),
	error: (message: string, fields?: Fields) => write('error', message, fields)
};
