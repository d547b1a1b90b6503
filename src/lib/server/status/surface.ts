/** The public status surface: pages under /status and the Statuspage-compatible /api/v2. */
export const isStatusSurface = (pathname: string) =>
	pathname === '/status' || pathname.startsWith('/status/') || pathname.startsWith('/api/v2/');
