/** The shell code `dircolors` prints to set LS_COLORS (small: the page's first shell runs it from ~/.bashrc). */
export function lsColorsCode(shell: 'sh' | 'csh', colors: string): string {
  return shell === 'csh' ? `setenv LS_COLORS '${colors}'\n` : `LS_COLORS='${colors}';\nexport LS_COLORS\n`;
}
