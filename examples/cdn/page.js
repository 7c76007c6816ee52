// The host's part: hear the widgets' events (they bubble to the document). A module file, so the
// page can keep a strict CSP without inline script.
document.addEventListener('cadia-login-required', (e) => {
  document.getElementById('status').textContent = `Bitte melden Sie sich an (${e.reason}).`;
});
