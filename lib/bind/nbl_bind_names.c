/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* Names of states and statuses, and the errno to status mapping. */

#include <errno.h>

#include "nbl_bind.h"

static const char *const state_names[NBL_BIND_STATE_MAX] = {
	[NBL_BIND_UNBOUND] = "Unbound",
	[NBL_BIND_OPENING] = "Opening",
	[NBL_BIND_PAUSED] = "Paused",
	[NBL_BIND_RESTARTING] = "Restarting",
	[NBL_BIND_RUNNING] = "Running",
	[NBL_BIND_PAUSING] = "Pausing",
	[NBL_BIND_CLOSING] = "Closing",
};

const char *
nbl_bind_state_name(enum nbl_bind_state state)
{
	if ((unsigned int)state >= NBL_BIND_STATE_MAX)
		return "?";
	return state_names[state];
}

const char *
nbl_bind_status_name(int32_t status)
{
	switch (status) {
	case NBL_STATUS_SUCCESS: return "SUCCESS";
	case NBL_STATUS_PENDING: return "PENDING";
	case NBL_STATUS_FAILURE: return "FAILURE";
	case NBL_STATUS_RESOURCES: return "RESOURCES";
	case NBL_STATUS_INVALID_LENGTH: return "INVALID_LENGTH";
	case NBL_STATUS_SEND_ABORTED: return "SEND_ABORTED";
	case NBL_STATUS_RESET_IN_PROGRESS: return "RESET_IN_PROGRESS";
	case NBL_STATUS_PAUSED: return "PAUSED";
	case NBL_STATUS_INVALID_PARAMETER: return "INVALID_PARAMETER";
	default: return "?";
	}
}

int32_t
nbl_bind_status_from_errno(int err)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case 0:
		return NBL_STATUS_SUCCESS;
	case EINVAL:
	case EMSGSIZE:
	case E2BIG:
	case ERANGE:
		return NBL_STATUS_INVALID_LENGTH;
	case ENOMEM:
	case ENOBUFS:
		return NBL_STATUS_RESOURCES;
	default:
		return NBL_STATUS_FAILURE;
	}
}
