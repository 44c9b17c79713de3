/*
 * The H5 entry page inside DingTalk: free login with dd.runtime.permission.requestAuthCode, the
 * bind form on first use, then on to ProYi with a one-time ticket.
 *   /dingtalk/h5/?corpId=$CORPID$[&tenantId=..][&target=/ProYi/path]   log in
 *   /dingtalk/h5/?[tenantId=..&]notice=<event id>[&button=<n>]          a tapped notice: log in, land on its page
 *   /dingtalk/h5/?corpId=$CORPID$&action=logout                       log out and unbind, once the
 *                                                                     person confirms with the button
 * DingTalk substitutes $CORPID$; without it the corpId comes from /api/dingtalk/config.
 */
(function () {
  'use strict';

  var params = new URLSearchParams(window.location.search);
  var tenantId = params.get('tenantId') || '';
  var target = params.get('target') || '';
  var bindToken = null;
  var configRequest = null;
  var REPORTED_KEY = 'proyi-dingtalk.jsapi-config-reported';

  function byId(id) { return document.getElementById(id); }

  function setStatus(text) { byId('status').textContent = text; }

  function showError(text) {
    var message = byId('message');
    message.textContent = text;
    message.hidden = false;
  }

  function clearError() { byId('message').hidden = true; }

  function postJson(path, body) {
    return fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    }).then(readAnswer);
  }

  function readAnswer(response) {
    return response.json().catch(function () { return {}; }).then(function (data) {
      if (!response.ok) {
        throw new Error(data.message || ('服务暂时不可用（' + response.status + '），请稍后再试'));
      }
      return data;
    });
  }

  function pageConfig() {
    if (!configRequest) {
      configRequest = fetch('/api/dingtalk/config?tenantId=' + encodeURIComponent(tenantId)).then(readAnswer);
    }
    return configRequest;
  }

  function corpId() {
    var fromUrl = params.get('corpId');
    if (fromUrl && fromUrl.indexOf('$') < 0) {
      return Promise.resolve(fromUrl);
    }
    return pageConfig().then(function (config) { return config.corpId; });
  }

  /** The DingTalk client injects dd; elsewhere (e.g. the PC browser) DingTalk's script provides it. */
  function dingTalkApi() {
    if (window.dd) {
      return Promise.resolve(window.dd);
    }
    return pageConfig().then(function (config) {
      return new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = config.jsapiScriptUrl;
        script.onload = function () { resolve(window.dd); };
        script.onerror = function () { reject(new Error('请在钉钉中打开此页面')); };
        document.head.appendChild(script);
      });
    });
  }

  function requestAuthCode(dd, corp) {
    return new Promise(function (resolve, reject) {
      dd.ready(function () {
        dd.runtime.permission.requestAuthCode({
          corpId: corp,
          onSuccess: function (result) { resolve(result.code); },
          onFail: function (error) {
            var detail = error && (error.errorMessage || error.message);
            reject(new Error('无法获取钉钉免登授权' + (detail ? '：' + detail : '，请在钉钉中打开此页面')));
          }
        });
      });
    });
  }

  /**
   * Tells the module whether dd.config works on this page, i.e. whether the JS-API domain set in
   * the DingTalk console is right; the set-up checklist shows the outcome. Once a day per device,
   * after free login (requestAuthCode needs no dd.config, so login never depends on it), and never
   * holding the page up for more than 1.5 s.
   */
  function reportJsapiConfig(dd, ticket) {
    var today = new Date().toISOString().slice(0, 10);
    var reported = null;
    try { reported = window.localStorage.getItem(REPORTED_KEY); } catch (ignored) { /* private mode */ }
    if (typeof dd.config !== 'function' || typeof dd.error !== 'function' || reported === today) {
      return Promise.resolve();
    }
    var url = window.location.href.split('#')[0];
    var check = fetch('/api/dingtalk/jsapi-config?tenantId=' + encodeURIComponent(tenantId)
        + '&url=' + encodeURIComponent(url)).then(readAnswer).then(function (signed) {
      return new Promise(function (resolve) {
        dd.error(function (error) { resolve({ ok: false, errorCode: error && error.errorCode, errorMessage: error && error.errorMessage }); });
        dd.config({
          agentId: signed.agentId, corpId: signed.corpId, timeStamp: signed.timeStamp,
          nonceStr: signed.nonceStr, signature: signed.signature, jsApiList: ['device.notification.alert']
        });
        dd.ready(function () { resolve({ ok: true }); });
      });
    }).then(function (outcome) {
      outcome.tenantId = tenantId;
      outcome.url = url;
      outcome.ticket = ticket;
      return postJson('/api/dingtalk/h5-config-report', outcome).then(function () {
        try { window.localStorage.setItem(REPORTED_KEY, today); } catch (ignored) { /* private mode */ }
      });
    }).catch(function () { /* the checklist just keeps showing "cannot check" */ });
    return Promise.race([check, new Promise(function (resolve) { setTimeout(resolve, 1500); })]);
  }

  function continueTo(answer, dd) {
    if (answer.status === 'ok') {
      setStatus('登录成功，正在进入过程易…');
      reportJsapiConfig(dd, answer.ticket).then(function () { window.location.replace(answer.redirectUrl); });
    } else if (answer.status === 'bind_required') {
      bindToken = answer.bindToken;
      setStatus('请绑定过程易账号');
      byId('bind-form').hidden = false;
      byId('account').focus();
    }
  }

  function submitBind(event) {
    event.preventDefault();
    clearError();
    var button = byId('bind-button');
    button.disabled = true;
    postJson('/api/dingtalk/bind', {
      bindToken: bindToken,
      account: byId('account').value.trim(),
      password: byId('password').value
    }).then(function (answer) {
      byId('bind-form').hidden = true;
      continueTo(answer, window.dd);
    }).catch(function (error) {
      byId('password').value = '';
      button.disabled = false;
      showError(error.message);
    });
  }

  /**
   * A link alone never unbinds: whoever opens a shared or forwarded logout link is asked first, and only
   * the button, pressed by the person DingTalk identifies, sends the logout.
   */
  function start() {
    byId('bind-form').addEventListener('submit', submitBind);
    if (params.get('action') === 'logout') {
      setStatus('退出登录将解除过程易账号与钉钉的绑定。');
      var button = byId('logout-button');
      button.hidden = false;
      button.addEventListener('click', function () {
        button.disabled = true;
        setStatus('正在退出登录…');
        proceed(true);
      });
      return;
    }
    proceed(false);
  }

  function proceed(logout) {
    var dd = null;
    Promise.all([dingTalkApi(), corpId()]).then(function (found) {
      dd = found[0];
      return requestAuthCode(dd, found[1]);
    }).then(function (code) {
      if (logout) {
        return postJson('/api/dingtalk/logout', { tenantId: tenantId, authCode: code }).then(function () {
          setStatus('已退出登录，并已解除与钉钉的绑定。');
        });
      }
      // a tapped notice (notice=<event id>[&button=<n>]) lands on its ProYi page for this platform
      var notice = params.get('notice');
      var button = params.get('button');
      return postJson('/api/dingtalk/login', { tenantId: tenantId, authCode: code, target: target,
            notice: notice ? Number(notice) : null, button: button ? Number(button) : null,
            platform: dd && dd.env ? dd.env.platform : null })
          .then(function (answer) { continueTo(answer, dd); });
    }).catch(function (error) {
      setStatus('登录未完成');
      showError(error.message);
    });
  }

  start();
}());
