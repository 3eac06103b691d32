//! Allied Telesis AlliedWare Plus: verdicts on inputs in the vendor's real syntax (issue 22).
