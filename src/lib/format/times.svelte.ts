// What a page needs to show times, provided once by the root layout: the formatting in the
// organisation's zone and the page's language, and the one clock relative times are measured by.
import { createContext } from 'svelte';
import { getLocale } from '$lib/paraglide/runtime';
import { timeFormat, type TimeFormat } from './time';

export class Times {
	/**
	 * Now, for relative times ("due in 10 min"): the server's time while the page renders and
	 * hydrates (so both read the same), then this browser's, every few seconds once started.
	 */
	now = $state(0);
	readonly #zone: () => string;
	/** Formatting in the organisation's zone and the page's language. */
	readonly format: TimeFormat = $derived.by(() => timeFormat(getLocale(), this.#zone()));

	constructor(zone: () => string, serverNow: number) {
		this.#zone = zone;
		this.now = serverNow;
	}

	/** Tick in the browser (call when mounted); returns the function that stops it. */
	start(every = 10_000): () => void {
		this.now = Date.now();
		const timer = setInterval(() => (this.now = Date.now()), every);
		return () => clearInterval(timer);
	}
}

const [getTimes, setTimes] = createContext<Times>();

/** The page's times (provided by the root layout). */
export const useTimes = getTimes;
export const provideTimes = setTimes;
