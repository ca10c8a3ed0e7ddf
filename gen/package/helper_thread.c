/* Threads that work beside their caller on another core (see helper_thread.h). */
#define _GNU_SOURCE /* sched_getcpu, pthread_attr_setaffinity_np */
#include "helper_thread.h"

#include <errno.h>
#include <sched.h>
#include <stdlib.h>

typedef struct {
    void *(*work)(void *);
    void *arg;
    cpu_set_t allowed; /* the process's CPUs, given back once the thread runs */
} start_args;

static void *run(void *p)
{
    start_args start = *(start_args *)p;
    free(p);
    pthread_setaffinity_np(pthread_self(), sizeof start.allowed, &start.allowed);
    return start.work(start.arg);
}

int vb_helper_thread_start(pthread_t *thread, void *(*work)(void *), void *arg)
{
    start_args *start = malloc(sizeof *start);
    if (!start)
        return ENOMEM;
    start->work = work;
    start->arg = arg;
    if (sched_getaffinity(0, sizeof start->allowed, &start->allowed) != 0 ||
        CPU_COUNT(&start->allowed) < 2) {
        free(start);
        return EAGAIN;
    }
    cpu_set_t elsewhere = start->allowed;
    int here = sched_getcpu();
    if (here >= 0 && here < CPU_SETSIZE)
        CPU_CLR(here, &elsewhere);
    pthread_attr_t attr;
    int rc = pthread_attr_init(&attr);
    if (rc == 0) {
        pthread_attr_setaffinity_np(&attr, sizeof elsewhere, &elsewhere);
        rc = pthread_create(thread, &attr, run, start);
        pthread_attr_destroy(&attr);
    }
    if (rc != 0)
        free(start);
    return rc;
}
