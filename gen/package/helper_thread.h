/* Threads that work beside their caller on another core. */
#ifndef VB_HELPER_THREAD_H
#define VB_HELPER_THREAD_H

#include <pthread.h>

/* Starts `work(arg)` on a new thread, first placed on another CPU than the caller's; once
 * running it may go anywhere the process may. Left to itself, Linux often starts a new
 * thread on its creator's CPU, where one waits for the other: measured here, 1.6 ms of a
 * 10 ms render. Returns 0, or an errno value (EAGAIN when the process may use one CPU only:
 * a helper would only take turns with its caller). */
int vb_helper_thread_start(pthread_t *thread, void *(*work)(void *), void *arg);

#endif
