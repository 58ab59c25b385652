package dev.plugboard.realtime.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the harness needs, on the JDK alone: spring-boot-starter-test 4.0.x brings no
 * Jackson, and these classes must compile in any test classpath. Objects become {@link LinkedHashMap}s,
 * arrays {@link ArrayList}s, integral numbers {@link Long}s, other numbers {@link Double}s.
 */
final class Json {

	private final String text;

	private int pos;

	private Json(String text) {
		this.text = text;
	}

	static Object parse(String text) {
		Json json = new Json(text);
		json.skipSpace();
		Object value = json.value();
		json.skipSpace();
		if (json.pos != text.length()) {
			throw json.error("trailing characters");
		}
		return value;
	}

	static String quote(String s) {
		if (s == null) {
			return "null";
		}
		StringBuilder out = new StringBuilder(s.length() + 2).append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20 || c == '\u2028' || c == '\u2029') {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	/** Renders strings, numbers, booleans, null, maps and iterables as compact JSON. */
	static String write(Object value) {
		if (value == null || value instanceof Boolean || value instanceof Number) {
			return String.valueOf(value);
		}
		if (value instanceof Map<?, ?> map) {
			StringBuilder out = new StringBuilder("{");
			for (Map.Entry<?, ?> e : map.entrySet()) {
				if (out.length() > 1) {
					out.append(',');
				}
				out.append(quote(String.valueOf(e.getKey()))).append(':').append(write(e.getValue()));
			}
			return out.append('}').toString();
		}
		if (value instanceof Iterable<?> items) {
			StringBuilder out = new StringBuilder("[");
			for (Object item : items) {
				if (out.length() > 1) {
					out.append(',');
				}
				out.append(write(item));
			}
			return out.append(']').toString();
		}
		return quote(value.toString());
	}

	private Object value() {
		if (pos >= text.length()) {
			throw error("unexpected end");
		}
		char c = text.charAt(pos);
		switch (c) {
			case '{':
				return object();
			case '[':
				return array();
			case '"':
				return string();
			case 't':
				return literal("true", Boolean.TRUE);
			case 'f':
				return literal("false", Boolean.FALSE);
			case 'n':
				return literal("null", null);
			default:
				if (c == '-' || (c >= '0' && c <= '9')) {
					return number();
				}
				throw error("unexpected character '" + c + "'");
		}
	}

	private Map<String, Object> object() {
		Map<String, Object> map = new LinkedHashMap<>();
		pos++;
		skipSpace();
		if (peek() == '}') {
			pos++;
			return map;
		}
		while (true) {
			skipSpace();
			if (peek() != '"') {
				throw error("expected a string key");
			}
			String key = string();
			skipSpace();
			expect(':');
			skipSpace();
			map.put(key, value());
			skipSpace();
			if (peek() == ',') {
				pos++;
			}
			else {
				expect('}');
				return map;
			}
		}
	}

	private List<Object> array() {
		List<Object> list = new ArrayList<>();
		pos++;
		skipSpace();
		if (peek() == ']') {
			pos++;
			return list;
		}
		while (true) {
			skipSpace();
			list.add(value());
			skipSpace();
			if (peek() == ',') {
				pos++;
			}
			else {
				expect(']');
				return list;
			}
		}
	}

	private String string() {
		StringBuilder out = new StringBuilder();
		pos++;
		while (true) {
			if (pos >= text.length()) {
				throw error("unterminated string");
			}
			char c = text.charAt(pos++);
			if (c == '"') {
				return out.toString();
			}
			if (c != '\\') {
				out.append(c);
				continue;
			}
			if (pos >= text.length()) {
				throw error("unterminated escape");
			}
			char e = text.charAt(pos++);
			switch (e) {
				case 'n' -> out.append('\n');
				case 'r' -> out.append('\r');
				case 't' -> out.append('\t');
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'u' -> {
					if (pos + 4 > text.length()) {
						throw error("bad unicode escape");
					}
					out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
					pos += 4;
				}
				default -> out.append(e);
			}
		}
	}

	private Object number() {
		int start = pos;
		boolean integral = true;
		while (pos < text.length()) {
			char c = text.charAt(pos);
			if (c == '.' || c == 'e' || c == 'E') {
				integral = false;
			}
			else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) {
				break;
			}
			pos++;
		}
		String n = text.substring(start, pos);
		try {
			if (integral) {
				try {
					return Long.parseLong(n);
				}
				catch (NumberFormatException tooBig) {
					return Double.parseDouble(n);
				}
			}
			return Double.parseDouble(n);
		}
		catch (NumberFormatException ex) {
			throw error("bad number " + n);
		}
	}

	private Object literal(String word, Object value) {
		if (!text.startsWith(word, pos)) {
			throw error("expected " + word);
		}
		pos += word.length();
		return value;
	}

	private char peek() {
		return pos < text.length() ? text.charAt(pos) : '\0';
	}

	private void expect(char c) {
		if (peek() != c) {
			throw error("expected '" + c + "'");
		}
		pos++;
	}

	private void skipSpace() {
		while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
			pos++;
		}
	}

	private IllegalArgumentException error(String what) {
		return new IllegalArgumentException("bad JSON at " + pos + " (" + what + "): " + text);
	}

}
