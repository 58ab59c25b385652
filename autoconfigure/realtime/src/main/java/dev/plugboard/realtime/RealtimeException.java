package dev.plugboard.realtime;

/**
 * An error answered to a client in the protocol's terms: a hook throws it to refuse a connection,
 * a subscription, a publication or an RPC call with one of the documented codes.
 *
 * @author Plugboard
 */
public class RealtimeException extends RuntimeException {

	/** 100: internal server error (temporary: the client retries). */
	public static final int INTERNAL = 100;

	/** 101: unauthorized. */
	public static final int UNAUTHORIZED = 101;

	/** 102: unknown channel. */
	public static final int UNKNOWN_CHANNEL = 102;

	/** 103: permission denied. */
	public static final int PERMISSION_DENIED = 103;

	/** 104: method not found. */
	public static final int METHOD_NOT_FOUND = 104;

	/** 105: already subscribed. */
	public static final int ALREADY_SUBSCRIBED = 105;

	/** 106: limit exceeded. */
	public static final int LIMIT_EXCEEDED = 106;

	/** 107: bad request. */
	public static final int BAD_REQUEST = 107;

	/** 108: not available. */
	public static final int NOT_AVAILABLE = 108;

	/** 109: token expired (the client fetches a new token). */
	public static final int TOKEN_EXPIRED = 109;

	/** 110: expired. */
	public static final int EXPIRED = 110;

	/** 111: too many requests. */
	public static final int TOO_MANY_REQUESTS = 111;

	/** 112: unrecoverable position. */
	public static final int UNRECOVERABLE_POSITION = 112;

	private final int code;

	private final boolean temporary;

	public RealtimeException(int code, String message) {
		this(code, message, code == INTERNAL);
	}

	public RealtimeException(int code, String message, boolean temporary) {
		super(message);
		this.code = code;
		this.temporary = temporary;
	}

	public int code() {
		return this.code;
	}

	public boolean temporary() {
		return this.temporary;
	}

	public static RealtimeException permissionDenied() {
		return new RealtimeException(PERMISSION_DENIED, "permission denied");
	}

}
