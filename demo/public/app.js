// A small task list that tracks what its user really does with the Revisit SDK.
(function () {
  const config = window.REVISIT_DEMO_CONFIG;
  revisit.init(config);

  const STORAGE_KEY = 'revisit-demo-tasks';
  const VIEWS = ['tasks', 'done', 'account'];
  const $ = (id) => document.getElementById(id);

  let tasks = loadTasks();

  function loadTasks() {
    try {
      return JSON.parse(localStorage.getItem(STORAGE_KEY)) || [];
    } catch {
      return [];
    }
  }

  function saveTasks() {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(tasks));
  }

  function taskItem(task) {
    const item = document.createElement('li');
    item.dataset.id = task.id;
    const toggle = document.createElement('input');
    toggle.type = 'checkbox';
    toggle.checked = task.done;
    toggle.setAttribute('aria-label', task.done ? 'Reopen task' : 'Complete task');
    toggle.addEventListener('change', () => setDone(task.id, toggle.checked));
    const title = document.createElement('span');
    title.textContent = task.title;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Delete';
    remove.addEventListener('click', () => deleteTask(task.id));
    item.append(toggle, title, remove);
    return item;
  }

  function render() {
    const open = tasks.filter((task) => !task.done);
    const done = tasks.filter((task) => task.done);
    $('open-tasks').replaceChildren(...open.map(taskItem));
    $('done-tasks').replaceChildren(...done.map(taskItem));
    $('open-empty').hidden = open.length > 0;
    $('done-empty').hidden = done.length > 0;
    $('clear-done').hidden = done.length === 0;
  }

  function addTask(title) {
    const task = { id: crypto.randomUUID(), title, done: false, createdAt: Date.now() };
    tasks.push(task);
    saveTasks();
    render();
    revisit.track('Task Added', { titleLength: title.length, openTasks: openCount() });
  }

  function setDone(id, done) {
    const task = tasks.find((candidate) => candidate.id === id);
    if (!task) return;
    task.done = done;
    saveTasks();
    render();
    if (done) {
      const ageSeconds = Math.round((Date.now() - task.createdAt) / 1000);
      revisit.track('Task Completed', { ageSeconds, openTasks: openCount() });
    } else {
      revisit.track('Task Reopened', { openTasks: openCount() });
    }
  }

  function deleteTask(id) {
    const task = tasks.find((candidate) => candidate.id === id);
    tasks = tasks.filter((candidate) => candidate.id !== id);
    saveTasks();
    render();
    revisit.track('Task Deleted', { wasDone: Boolean(task && task.done) });
  }

  function openCount() {
    return tasks.filter((task) => !task.done).length;
  }

  function showView() {
    const requested = location.hash.replace('#/', '');
    const view = VIEWS.includes(requested) ? requested : 'tasks';
    for (const name of VIEWS) $(`view-${name}`).hidden = name !== view;
    for (const link of document.querySelectorAll('nav a')) {
      if (link.dataset.view === view) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    revisit.page(view);
  }

  function showAccount() {
    const email = localStorage.getItem('revisit-demo-user');
    $('sign-in').hidden = Boolean(email);
    $('signed-in').hidden = !email;
    $('sign-out').hidden = !email;
    $('user-name').textContent = email || '';
    $('opt-out').checked = localStorage.getItem('revisit-demo-opt-out') === '1';
  }

  $('add-task').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('task-title');
    const title = input.value.trim();
    if (!title) return;
    addTask(title);
    input.value = '';
  });

  $('clear-done').addEventListener('click', () => {
    const removed = tasks.filter((task) => task.done).length;
    tasks = tasks.filter((task) => !task.done);
    saveTasks();
    render();
    revisit.track('Completed Tasks Cleared', { removed });
  });

  $('sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    const email = $('user-email').value.trim().toLowerCase();
    localStorage.setItem('revisit-demo-user', email);
    revisit.identify(email, { email, plan: 'free' });
    revisit.track('Signed In');
    showAccount();
  });

  $('sign-out').addEventListener('click', () => {
    revisit.track('Signed Out');
    localStorage.removeItem('revisit-demo-user');
    revisit.reset();
    showAccount();
  });

  $('opt-out').addEventListener('change', (event) => {
    if (event.target.checked) {
      revisit.optOut();
      localStorage.setItem('revisit-demo-opt-out', '1');
    } else {
      localStorage.removeItem('revisit-demo-opt-out');
      revisit.optIn();
    }
  });

  window.addEventListener('hashchange', showView);
  render();
  showAccount();
  showView();
})();
