import { randomBytes } from 'node:crypto';

/** A fresh nonce per page load: the only scripts and styles that run are the ones carrying it. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The events page skeleton. It holds no data: rows arrive by message after the script says `ready`,
 * so nothing untrusted is ever part of the HTML.
 * @param cspSource the webview's `cspSource`
 * @param scriptUri webview URI of dist/webview.js
 * @param styleUri webview URI of media/events.css
 */
export function eventsHtml(cspSource: string, nonce: string, scriptUri: string, styleUri: string): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
  ].join('; ');
  const columns: [string, string][] = [
    ['time', 'Time'], ['eventName', 'Event'], ['principal', 'Principal'], ['principalProduct', 'Product'],
    ['targets', 'Targets (how resolved)'], ['write', 'R/W'], ['error', 'Error'],
  ];
  const header = columns.map(([key, label]) =>
    `<button role="columnheader" data-sort="${key}" aria-sort="${key === 'time' ? 'descending' : 'none'}">${label}</button>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri}" nonce="${nonce}">
<title>CloudTrail events</title>
</head>
<body>
<header><span id="subject"></span><vscode-badge id="count" variant="counter"></vscode-badge><span id="status" role="status"></span></header>
<div class="toolbar">
  <vscode-textfield id="filter" placeholder="Filter: event, principal, ARN, reason…" aria-label="Filter events"></vscode-textfield>
  <vscode-checkbox id="violations-only">Violations only</vscode-checkbox>
  <vscode-checkbox id="unresolved-only">Unresolved only</vscode-checkbox>
  <vscode-checkbox id="writes-only">Writes only</vscode-checkbox>
  <vscode-checkbox id="group-only" hidden>Group only</vscode-checkbox>
</div>
<div role="table" aria-label="CloudTrail events" id="table">
  <div id="header" class="grid" role="row">${header}</div>
  <div id="scroller" tabindex="0"></div>
</div>
<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>`;
}
