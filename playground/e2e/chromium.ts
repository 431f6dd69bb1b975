/** The system Chromium the browser tests drive (Debian's `chromium` package), unless LEADSCORE_CHROMIUM names another. */
export const chromiumPath = process.env['LEADSCORE_CHROMIUM'] || '/usr/bin/chromium';
