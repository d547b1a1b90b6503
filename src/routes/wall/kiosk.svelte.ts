// Kiosk care for a screen that runs for weeks: keep it awake, reload nightly (fresh code, no slow
// leaks), and shift the picture a few pixels now and then against burn-in.
import { msUntilNightlyReload } from './format';

const DRIFT_EVERY_MS = 5 * 60_000;
const DRIFT_PX = 3;

/** Call during component setup. Returns the current drift, to apply as a transform. */
export function useKiosk() {
	const drift = $state({ x: 0, y: 0 });

	$effect(() => {
		let lock: WakeLockSentinel | null = null;
		// Needs HTTPS (or localhost) and a visible page; without it the screen's own settings apply.
		const request = async () => {
			if (!('wakeLock' in navigator) || document.visibilityState !== 'visible') return;
			try {
				lock = await navigator.wakeLock.request('screen');
			} catch {
				lock = null;
			}
		};
		const onVisible = () => void request();
		void request();
		document.addEventListener('visibilitychange', onVisible);
		const reload = setTimeout(
			() => location.reload(),
			msUntilNightlyReload(Date.now(), Math.random())
		);
		const shift = setInterval(() => {
			drift.x = Math.round((Math.random() * 2 - 1) * DRIFT_PX);
			drift.y = Math.round((Math.random() * 2 - 1) * DRIFT_PX);
		}, DRIFT_EVERY_MS);
		return () => {
			document.removeEventListener('visibilitychange', onVisible);
			clearTimeout(reload);
			clearInterval(shift);
			void lock?.release();
		};
	});

	return drift;
}
