'use strict';
// The login form needs the session's CSRF token before it may be sent.
(async () => {
  const params = new URLSearchParams(location.search);
  const message = document.getElementById('login-message');
  if (params.has('error')) {
    message.textContent = '用户名或密码错误';
    message.hidden = false;
  } else if (params.has('logout')) {
    message.textContent = '已退出';
    message.hidden = false;
  }
  const session = await (await fetch('session', {credentials: 'same-origin'})).json();
  const csrf = document.getElementById('csrf');
  csrf.name = session.csrfParameter;
  csrf.value = session.csrfToken;
  document.getElementById('login-button').disabled = false;
})();
