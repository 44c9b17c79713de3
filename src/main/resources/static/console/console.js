'use strict';
// The operations console: every section is filled from the admin API; changing requests carry the
// session's CSRF token, and read-only users never see the buttons (the API refuses them anyway).

let session;

async function api(path, method = 'GET') {
  const headers = {Accept: 'application/json'};
  if (method !== 'GET') {
    headers[session.csrfHeader] = session.csrfToken;
  }
  const response = await fetch(path, {method, headers, credentials: 'same-origin'});
  if (response.status === 401) {
    location.href = '/console/login.html';
  }
  const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw new Error((body && (body.error || body.message)) || ('HTTP ' + response.status));
  }
  return body;
}

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, value));
  children.flat().forEach(child => element.append(child instanceof Node ? child : String(child ?? '')));
  return element;
}

function time(iso) {
  return iso ? new Date(iso).toLocaleString('zh-CN', {hour12: false}) : '';
}

function age(seconds) {
  if (seconds < 60) return seconds + ' 秒';
  if (seconds < 3600) return Math.floor(seconds / 60) + ' 分钟';
  return Math.floor(seconds / 3600) + ' 小时 ' + Math.floor(seconds % 3600 / 60) + ' 分钟';
}

function tell(text) {
  const notice = document.getElementById('notice');
  notice.textContent = text;
  notice.hidden = false;
}

function button(label, className, action) {
  const element = el('button', {type: 'button', class: className}, label);
  element.addEventListener('click', async () => {
    element.disabled = true;
    try {
      await action();
    } catch (e) {
      tell('操作失败：' + e.message);
    } finally {
      element.disabled = false;
    }
  });
  return element;
}

async function showChecklist(fresh) {
  const report = await api('/api/admin/checklist' + (fresh ? '?fresh=true' : ''));
  const failures = report.sections.flatMap(s => s.items).filter(i => i.essential && i.status !== 'OK');
  const summary = document.getElementById('checklist-summary');
  summary.className = failures.length ? 'failed' : 'passed';
  summary.textContent = (failures.length ? failures.length + ' 个必需项缺失、错误或无法检查' : '必需项全部通过')
      + '（检查于 ' + time(report.checkedAt) + '，标 * 的为必需项）';
  document.getElementById('checklist').replaceChildren(...report.sections.map(section => el('div', {},
      el('h3', {}, section.name),
      el('table', {}, el('tbody', {}, section.items.map(item => el('tr', {'data-key': item.key},
          el('td', {}, el('span', {class: 'status ' + item.status}, item.statusLabel)),
          el('td', {}, item.title + (item.essential ? ' *' : '')),
          el('td', {}, item.found ?? '', item.fix && item.status !== 'OK' ? el('div', {class: 'fix'}, '→ ' + item.fix) : '')))))
  )));
}

const KINDS = {sent: '已发送', failed: '失败', waiting: '等待绑定'};

function svg(tag, attributes, text) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  if (text !== undefined) node.textContent = text;
  return node;
}

// 24 groups of three bars (sent, failed, waiting), scaled to the busiest hour.
function chart(hours) {
  const width = 960, height = 200, axis = 20, slot = width / hours.length, bar = slot / 4;
  const max = Math.max(1, ...hours.map(h => Math.max(h.sent, h.failed, h.waiting)));
  const picture = svg('svg', {viewBox: `0 0 ${width} ${height + axis}`});
  picture.append(svg('text', {x: 2, y: 12, 'font-size': 11, fill: '#646a73'}, '最多 ' + max));
  hours.forEach((hour, i) => {
    Object.keys(KINDS).forEach((kind, k) => {
      const h = hour[kind] / max * (height - 16);
      const rect = svg('rect', {x: i * slot + bar * (k + 0.5), y: height - h, width: bar, height: h, class: kind});
      rect.append(svg('title', {}, `${time(hour.start)} ${KINDS[kind]} ${hour[kind]}`));
      picture.append(rect);
    });
    if (i % 3 === 0) {
      picture.append(svg('text', {x: i * slot + 2, y: height + 14, 'font-size': 11, fill: '#646a73'},
          new Date(hour.start).getHours() + ':00'));
    }
  });
  return picture;
}

async function showOverview() {
  const overview = await api('/api/admin/overview');
  document.getElementById('backlog').textContent = overview.outbox.backlog;
  document.getElementById('oldest').textContent = overview.outbox.backlog ? age(overview.outbox.oldestWaitingSeconds) : '无';
  document.getElementById('dead-count').textContent = overview.outbox.dead;
  document.getElementById('waiting').textContent = overview.outbox.waitingForBinding;
  document.getElementById('sent-total').textContent = overview.hours.reduce((sum, h) => sum + h.sent, 0);
  document.getElementById('chart').replaceChildren(chart(overview.hours));
  document.getElementById('dingtalk-errors').replaceChildren(...overview.dingTalkErrors.map(e => el('tr', {},
      el('td', {}, e.errcode), el('td', {}, e.count), el('td', {}, time(e.lastAt)), el('td', {}, e.lastTenant),
      el('td', {}, e.lastApi))));
}

async function showNoticeOutcomes() {
  const days = await api('/api/admin/notice-outcomes?days=7');
  document.getElementById('notice-outcomes').replaceChildren(...days.map(d => el('tr', {'data-day': d.day, 'data-doc-type': d.docType},
      [d.day, d.docType, d.delivered, d.read, d.dropped, d.waiting, d.failed].map(v => el('td', {}, v)))));
}

const RANKS = {NOTICE: '通知', TODO: '待办', FOLLOWUP: '发送结果与状态更新'};

async function showQuota() {
  const usage = await api('/api/admin/quota');
  document.getElementById('quota').replaceChildren(...usage.map(u => el('tr', {'data-organisation': u.organisation, class: u.exhausted ? 'failed' : u.warning ? 'warning' : ''},
      el('td', {}, u.organisation), el('td', {}, u.tenants.join(', ')), el('td', {}, u.month), el('td', {}, u.used),
      el('td', {}, u.plan < 0 ? '不限' : u.plan), el('td', {}, u.plan < 0 ? '' : u.percent + '%'), el('td', {}, u.projected),
      el('td', {}, u.stopped.map(r => RANKS[r] ?? r).join('、')),
      el('td', {}, u.exhausted ? '已用完（90020），通知等待下月或提高套餐' : u.warning ? '接近上限' : '正常'))));
}

const STATES = {SENT: '已发送', DROPPED: '被钉钉丢弃', UNBOUND: '等待绑定', FAILED: '失败（重试中）', DEAD: '失败'};
const RECEIPTS = {UNREAD: '已送达未读', READ: '已读', UNKNOWN: '未知'};
const CLOSED = {STATUS_BAR: '状态栏', RECALLED: '已撤回', LEFT: '保留', FAILED: '更新失败'};
const TODO_TASKS = {NEW: '待创建', CREATED: '待处理', DONE: '已完成', DELETED: '已删除', CANCELLED: '未创建（单据已结束）',
  FAILED: '创建失败', CLOSE_FAILED: '完成/删除失败'};

async function showDocumentNotices() {
  const tenant = document.getElementById('document-tenant').value;
  const type = document.getElementById('document-type').value.trim();
  const id = document.getElementById('document-id').value.trim();
  if (!type || !id) return;
  const found = await api(`/api/admin/deliveries?tenant=${encodeURIComponent(tenant)}&docType=${encodeURIComponent(type)}&docId=${encodeURIComponent(id)}`);
  document.getElementById('document-notices').replaceChildren(...found.map(d => el('tr', {'data-event-id': d.eventId, 'data-account': d.account},
      el('td', {}, d.eventId), el('td', {}, d.action), el('td', {}, d.account), el('td', {}, STATES[d.status] ?? d.status),
      el('td', {}, d.dropCode ? d.dropCode : (RECEIPTS[d.receipt] ?? '')),
      el('td', {}, d.closedAs ? (CLOSED[d.closedAs] ?? d.closedAs) + (d.closedNote ? '：' + d.closedNote : '') : ''),
      el('td', {}, d.todoTaskStatus ? (TODO_TASKS[d.todoTaskStatus] ?? d.todoTaskStatus) : ''),
      el('td', {}, d.reason ?? ''), el('td', {}, time(d.updatedAt)))));
}

async function showDeadEvents() {
  const events = await api('/api/admin/dead-events');
  document.getElementById('dead-events').replaceChildren(...events.map(event => el('tr', {'data-event-id': event.id},
      el('td', {}, event.id), el('td', {}, event.tenantId), el('td', {}, event.docType + ' ' + (event.docNo ?? event.docId)),
      el('td', {}, event.action), el('td', {}, event.recipients), el('td', {}, event.attempts),
      el('td', {}, event.reason), el('td', {}, time(event.deadAt)),
      el('td', {}, session.admin ? button('重放', 'replay', async () => {
        await api(`/api/admin/dead-events/${event.id}/replay`, 'POST');
        tell(`事件 ${event.id} 已重放`);
        await refresh();
      }) : ''))));
}

let bindingsRequest = 0;

async function showBindings() {
  const request = ++bindingsRequest;
  const tenant = document.getElementById('binding-tenant').value;
  const query = document.getElementById('binding-query').value.trim();
  const found = await api(`/api/admin/binding-search?tenant=${encodeURIComponent(tenant)}&q=${encodeURIComponent(query)}`);
  // the page's first listing may answer after a search started later: only the latest request draws
  if (request !== bindingsRequest) return;
  document.getElementById('bindings').replaceChildren(...found.map(b => el('tr', {'data-account': b.account},
      el('td', {}, b.tenantId), el('td', {}, b.account), el('td', {}, b.dingtalkUserId), el('td', {}, time(b.boundAt)),
      el('td', {}, session.admin ? button('解除绑定', 'unbind', async () => {
        if (!confirm(`解除 ${b.account} 与钉钉 ${b.dingtalkUserId} 的绑定？`)) return;
        await api(`/api/admin/bindings/${encodeURIComponent(b.tenantId)}/${encodeURIComponent(b.account)}`, 'DELETE');
        tell(`已解除 ${b.account} 的绑定`);
        await showBindings();
        await showAudit();
      }) : ''))));
}

function showSyncReport(report, targetId = 'sync-report') {
  const target = document.getElementById(targetId);
  if (!report) {
    target.replaceChildren(el('p', {}, '还没有同步记录'));
    return;
  }
  const kind = report.dryRun ? '试运行' : report.startedBy === 'contact-changes' ? '实时变更' : '同步';
  const conflicts = report.tenants.flatMap(t => (t.conflicts ?? []).map(c => ({tenant: t.tenantId, ...c})));
  target.replaceChildren(
      el('p', {}, `${kind} #${report.runId}，${report.startedBy}，${time(report.startedAt)} 至 ${time(report.finishedAt)}，结果 ${report.status}`),
      el('table', {},
          el('thead', {}, el('tr', {}, ['租户', '状态', '过程易人数', '钉钉人数', '未变', '接管', '新建', '更新', '调部门', '解绑',
            '移除', '待接管', '待新建', '待更新', '待移除', '冲突'].map(h => el('th', {}, h)))),
          el('tbody', {}, report.tenants.map(t => el('tr', {'data-tenant': t.tenantId},
              [t.tenantId, t.status + (t.error ? '：' + t.error : ''), t.people, t.inDingTalk, t.unchanged,
                (t.adopted ?? []).length, t.created, t.updated, t.moved ?? 0, t.unbound ?? 0, t.removed,
                (t.toAdopt ?? []).length, (t.toCreate ?? []).length, (t.toUpdate ?? []).length, (t.toRemove ?? []).length,
                (t.conflicts ?? []).length].map(v => el('td', {}, v)))))),
      ...(conflicts.length === 0 ? [] : [el('table', {'class': 'conflicts'},
          el('thead', {}, el('tr', {}, ['租户', '账号', '姓名', 'errcode', '钉钉的回答', '怎么办', '下次重试']
              .map(h => el('th', {}, h)))),
          el('tbody', {}, conflicts.map(c => el('tr', {'data-conflict-account': c.account},
              [c.tenant, c.account, c.name ?? '', c.errcode, c.error ?? '', c.advice ?? '',
                c.retried === false ? '资料改了才重试' : '是'].map(v => el('td', {}, v))))))]),
      ...report.tenants.filter(t => (t.adopted ?? []).length > 0).map(t => el('p', {'class': 'adopted'},
          `${t.tenantId} 接管了钉钉里已有的成员：` + t.adopted.map(a => `${a.account} → ${a.userId}`).join('，'))));
}

async function showLastSync() {
  const response = await fetch('/api/admin/contacts/sync/report', {credentials: 'same-origin'});
  showSyncReport(response.ok ? await response.json() : null);
  const changes = await fetch('/api/admin/contacts/changes/report', {credentials: 'same-origin'});
  showSyncReport(changes.ok ? await changes.json() : null, 'changes-report');
}

async function showAudit() {
  const entries = await api('/api/admin/audit?limit=50');
  document.getElementById('audit').replaceChildren(...entries.map(entry => el('tr', {},
      el('td', {}, time(entry.at)), el('td', {}, entry.actor), el('td', {}, entry.action),
      el('td', {}, entry.httpStatus < 400 ? '成功' : '失败 ' + entry.httpStatus))));
}

async function refresh() {
  await Promise.all([showOverview(), showNoticeOutcomes(), showQuota(), showDeadEvents(), showAudit()]);
}

(async () => {
  session = await api('/console/session');
  document.body.classList.add(session.admin ? 'admin' : 'viewer');
  document.getElementById('operator').textContent = session.user + (session.admin ? '（管理员）' : '（只读）');
  const logoutCsrf = document.getElementById('logout-csrf');
  logoutCsrf.name = session.csrfParameter;
  logoutCsrf.value = session.csrfToken;
  document.getElementById('binding-tenant').replaceChildren(...session.tenants.map(t => el('option', {value: t}, t)));
  document.getElementById('document-tenant').replaceChildren(...session.tenants.map(t => el('option', {value: t}, t)));
  document.getElementById('document-search').addEventListener('submit', event => {
    event.preventDefault();
    showDocumentNotices().catch(e => tell(e.message));
  });

  document.getElementById('recheck').addEventListener('click', () => showChecklist(true).catch(e => tell(e.message)));
  document.getElementById('replay-all').addEventListener('click', async () => {
    const result = await api('/api/admin/dead-events/replay', 'POST');
    tell(`已重放 ${result.replayed} 个死信事件`);
    await refresh();
  });
  document.getElementById('dry-run').addEventListener('click', async () => {
    tell('通讯录试运行中……');
    showSyncReport(await api('/api/admin/contacts/sync?dryRun=true', 'POST'));
    tell('试运行完成，钉钉和过程易都未改动');
    await showAudit();
  });
  document.getElementById('binding-search').addEventListener('submit', event => {
    event.preventDefault();
    showBindings().catch(e => tell(e.message));
  });

  await Promise.all([showChecklist(false), refresh(), showBindings(), showLastSync()].map(p => p.catch(e => tell(e.message))));
  setInterval(() => refresh().catch(e => tell(e.message)), 3000);
})();
