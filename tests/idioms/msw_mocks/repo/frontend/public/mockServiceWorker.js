/* eslint-disable */
/* tslint:disable */

/**
 * Mock Service Worker.
 * @see https://github.com/mswjs/msw
 * - Please do NOT modify this file.
 */
addEventListener("fetch", function (event) {
  const requestClone = event.request.clone();
  event.respondWith(fetch(requestClone));
});
