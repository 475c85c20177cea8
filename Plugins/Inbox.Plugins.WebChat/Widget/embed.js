// Adds the web chat to a page: <script src="https://inbox.example.com/channels/webchat/embed.js" async></script>
// A round button at the bottom right opens the chat in an iframe served beside this script.
(() => {
  'use strict';
  const script = document.currentScript;
  const page = new URL('widget', script.src).href;
  const frame = document.createElement('iframe');
  frame.src = page;
  frame.title = 'Chat';
  frame.hidden = true;
  frame.style.cssText = 'position:fixed;right:20px;bottom:84px;width:360px;height:520px;max-height:80vh;border:0;'
    + 'border-radius:12px;box-shadow:0 6px 24px rgba(0,0,0,.25);z-index:2147483646;background:#fff';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = '💬';
  button.setAttribute('aria-label', 'Chat with us');
  button.style.cssText = 'position:fixed;right:20px;bottom:20px;width:52px;height:52px;border:0;border-radius:50%;'
    + 'background:#2b5fd9;color:#fff;font-size:24px;cursor:pointer;z-index:2147483647';
  button.onclick = () => { frame.hidden = !frame.hidden; };
  document.body.append(frame, button);
})();
