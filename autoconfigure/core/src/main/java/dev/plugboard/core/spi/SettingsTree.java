package dev.plugboard.core.spi;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionService;
import org.springframework.util.ClassUtils;

/**
 * The shape of an instance's settings (common plus type settings) as dashed property paths, used
 * to map environment variables such as {@code HIKARI_MAXIMUM_POOL_SIZE} onto
 * {@code hikari.maximum-pool-size} and to find secret values.
 *
 * @author Plugboard
 */
public final class SettingsTree {

	private static final int MAX_DEPTH = 5;

	private static final ConversionService CONVERSION = ApplicationConversionService.getSharedInstance();

	private final Node root;

	private SettingsTree(Node root) {
		this.root = root;
	}

	/**
	 * Build the tree of the given settings classes.
	 * @param classes the classes bound at the same prefix
	 * @return the tree
	 */
	public static SettingsTree of(Class<?>... classes) {
		Node root = new Node(Kind.NESTED);
		for (Class<?> type : classes) {
			addProperties(root, type, 0);
		}
		return new SettingsTree(root);
	}

	private static void addProperties(Node node, Class<?> type, int depth) {
		for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
			Class<?> propertyType = property.getPropertyType();
			Method reader = property.getReadMethod();
			if (propertyType == null || "class".equals(property.getName()) || reader == null) {
				continue;
			}
			String name = DataObjectPropertyName.toDashedForm(property.getName());
			Class<?> element = (Collection.class.isAssignableFrom(propertyType))
					? ResolvableType.forMethodReturnType(reader).asCollection().resolveGeneric(0) : null;
			if (Map.class.isAssignableFrom(propertyType)) {
				node.children.putIfAbsent(name, new Node(Kind.MAP));
			}
			else if (element != null && isNested(element) && depth < MAX_DEPTH) {
				// a list of groups, such as replicas[0].url
				Node child = node.children.computeIfAbsent(name, (key) -> new Node(Kind.LIST));
				if (child.kind == Kind.LIST) {
					addProperties(child, element, depth + 1);
				}
			}
			else if (isNested(propertyType) && depth < MAX_DEPTH) {
				Node child = node.children.computeIfAbsent(name, (key) -> new Node(Kind.NESTED));
				if (child.kind == Kind.NESTED) {
					addProperties(child, propertyType, depth + 1);
				}
			}
			else if (property.getWriteMethod() != null) {
				node.children.putIfAbsent(name, new Node(Kind.LEAF));
			}
		}
	}

	private static boolean isNested(Class<?> type) {
		String name = type.getName();
		if (BeanUtils.isSimpleProperty(type) || type.isEnum() || type.isInterface() || type.isArray()
				|| type.isPrimitive() || Collection.class.isAssignableFrom(type) || name.startsWith("java.")
				|| name.startsWith("javax.") || name.startsWith("jakarta.")) {
			return false;
		}
		// a value Boot converts from text (DataSize, a resource…) is a leaf, not a group; a bean
		// with a no-argument constructor is a group even if it also takes text (HikariConfig
		// has a constructor taking a properties file)
		return ClassUtils.hasConstructor(type) || !CONVERSION.canConvert(String.class, type);
	}

	/**
	 * Every setting as a dashed path ({@code hikari.maximum-pool-size}); a map is listed by its
	 * own path ({@code jpa.properties}).
	 * @return the paths, in the order of the settings classes
	 */
	public List<String> paths() {
		List<String> paths = new ArrayList<>();
		collect(this.root, "", paths);
		return paths;
	}

	private static void collect(Node node, String path, List<String> paths) {
		node.children.forEach((name, child) -> {
			String childPath = path.isEmpty() ? name : path + "." + name;
			if (child.kind == Kind.NESTED) {
				collect(child, childPath, paths);
			}
			else if (child.kind == Kind.LIST) {
				collect(child, childPath + "[0]", paths);
			}
			else {
				paths.add(childPath);
			}
		});
	}

	/**
	 * Resolve words (such as the parts of an environment variable) to dashed setting paths.
	 * @param words the words, any case
	 * @return every path the words can mean; more than one means they are ambiguous
	 */
	public List<String> resolve(List<String> words) {
		List<String> lower = words.stream().map((word) -> word.toLowerCase(Locale.ROOT)).toList();
		List<String> results = new ArrayList<>();
		resolve(this.root, lower, "", results);
		return results;
	}

	private void resolve(Node node, List<String> words, String path, List<String> results) {
		for (Map.Entry<String, Node> entry : node.children.entrySet()) {
			List<String> nameWords = Arrays.asList(entry.getKey().split("-"));
			if (words.size() < nameWords.size() || !words.subList(0, nameWords.size()).equals(nameWords)) {
				continue;
			}
			List<String> rest = words.subList(nameWords.size(), words.size());
			String childPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
			Node child = entry.getValue();
			switch (child.kind) {
				case LEAF -> {
					if (rest.isEmpty()) {
						results.add(childPath);
					}
				}
				case MAP -> {
					if (!rest.isEmpty()) {
						results.add(childPath + "." + String.join(".", rest));
					}
				}
				case NESTED -> {
					if (!rest.isEmpty()) {
						resolve(child, rest, childPath, results);
					}
				}
				case LIST -> {
					if (rest.size() > 1 && rest.get(0).chars().allMatch(Character::isDigit)) {
						resolve(child, rest.subList(1, rest.size()), childPath + "[" + rest.get(0) + "]", results);
					}
				}
			}
		}
	}

	/**
	 * Collect the values of secret settings (names containing {@code password} or
	 * {@code secret}) from bound settings objects.
	 * @param objects the bound settings
	 * @return the non-empty secret values
	 */
	public static Set<String> secrets(Object... objects) {
		Set<String> secrets = new HashSet<>();
		for (Object object : objects) {
			collectSecrets(object, secrets, 0);
		}
		return secrets;
	}

	private static void collectSecrets(@Nullable Object object, Set<String> secrets, int depth) {
		if (object == null || depth > MAX_DEPTH) {
			return;
		}
		for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(object.getClass())) {
			Method reader = property.getReadMethod();
			Class<?> type = property.getPropertyType();
			if (reader == null || type == null || "class".equals(property.getName())) {
				continue;
			}
			String name = property.getName().toLowerCase(Locale.ROOT);
			try {
				if (type == String.class && (name.contains("password") || name.contains("secret")
						|| name.contains("passphrase"))) {
					Object value = reader.invoke(object);
					if (value instanceof String text && !text.isEmpty()) {
						secrets.add(text);
					}
				}
				else if (type == String.class && name.equals("url")) {
					Object value = reader.invoke(object);
					if (value instanceof String url) {
						secrets.addAll(ConnectionUrl.passwordsOf(url));
					}
				}
				else if (isNested(type)) {
					collectSecrets(reader.invoke(object), secrets, depth + 1);
				}
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				// A getter that cannot be read holds nothing we can mask.
			}
		}
	}

	private enum Kind {

		LEAF, NESTED, MAP, LIST

	}

	private static final class Node {

		private final Kind kind;

		private final Map<String, Node> children = new LinkedHashMap<>();

		Node(Kind kind) {
			this.kind = kind;
		}

	}

}
