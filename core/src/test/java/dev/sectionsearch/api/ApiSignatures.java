package dev.sectionsearch.api;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The API signature check of a published module: every public or protected type, constructor,
 * method and field of its API packages, one line each, compared with the list committed in the
 * module ({@value #FILE}). A change to the API then shows in review as a change to that file, and a
 * change made by accident fails the build naming what was added and what was removed.
 *
 * <p>To accept an intended change, run the module's tests with {@code -Dapi.update=true}, which
 * rewrites the file, and say in CHANGES what changed.
 */
public final class ApiSignatures {
  /** Where each module keeps its list, relative to the module's folder (the tests' working dir). */
  public static final String FILE = "src/test/resources/api-signatures.txt";

  private ApiSignatures() {}

  /**
   * Checks the API of the packages that hold the given classes (one class per package is enough)
   * against the module's committed list, or rewrites the list under {@code -Dapi.update=true}.
   */
  public static void check(Class<?>... oneClassPerPackage) {
    List<String> actual = signatures(oneClassPerPackage);
    Path file = Path.of(FILE);
    if (Boolean.getBoolean("api.update")) {
      write(file, actual);
      return;
    }
    if (!Files.exists(file)) {
      fail("no API list at " + file.toAbsolutePath() + ": run the tests with -Dapi.update=true");
    }
    List<String> expected = read(file);
    Set<String> added = new TreeSet<>(actual);
    added.removeAll(expected);
    Set<String> removed = new TreeSet<>(expected);
    removed.removeAll(actual);
    if (!added.isEmpty() || !removed.isEmpty()) {
      StringBuilder message = new StringBuilder("the public API changed");
      added.forEach(line -> message.append("\n  + ").append(line));
      removed.forEach(line -> message.append("\n  - ").append(line));
      message
          .append("\nIf this is intended, run the tests with -Dapi.update=true to rewrite ")
          .append(file)
          .append(" and note the change in CHANGES.md.");
      fail(message.toString());
    }
  }

  /** The API lines of the packages holding the given classes, sorted. */
  public static List<String> signatures(Class<?>... oneClassPerPackage) {
    Set<String> lines = new TreeSet<>();
    for (Class<?> anchor : oneClassPerPackage) {
      for (Class<?> type : classesOf(anchor)) {
        if (visible(type)) {
          describe(type, lines);
        }
      }
    }
    return List.copyOf(lines);
  }

  private static boolean visible(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      if (!Modifier.isPublic(t.getModifiers()) && !Modifier.isProtected(t.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static void describe(Class<?> type, Set<String> lines) {
    String name = type.getName();
    StringBuilder declaration = new StringBuilder(name).append(": ");
    declaration.append(
        Modifier.toString(type.getModifiers() & ~Modifier.INTERFACE & ~Modifier.STATIC));
    declaration.append(' ').append(kind(type));
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
      declaration.append(" extends ").append(superclass.getTypeName());
    }
    Type[] interfaces = type.getGenericInterfaces();
    if (interfaces.length > 0) {
      declaration
          .append(type.isInterface() ? " extends " : " implements ")
          .append(
              Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
    }
    if (type.isSealed()) {
      declaration
          .append(" permits ")
          .append(
              Arrays.stream(type.getPermittedSubclasses())
                  .map(Class::getName)
                  .sorted()
                  .collect(Collectors.joining(", ")));
    }
    lines.add(declaration.toString().replaceAll(" +", " "));
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (exposed(constructor.getModifiers()) && !constructor.isSynthetic()) {
        lines.add(name + ": " + constructor.toGenericString());
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (exposed(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
        lines.add(name + ": " + method.toGenericString());
      }
    }
    for (Field field : type.getDeclaredFields()) {
      if (exposed(field.getModifiers()) && !field.isSynthetic()) {
        lines.add(name + ": " + field.toGenericString());
      }
    }
  }

  private static boolean exposed(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static String kind(Class<?> type) {
    if (type.isAnnotation()) {
      return "@interface";
    } else if (type.isInterface()) {
      return "interface";
    } else if (type.isEnum()) {
      return "enum";
    } else if (type.isRecord()) {
      return "record";
    }
    return "class";
  }

  /**
   * Every class compiled into the package of the anchor, from the folder or jar it was read from.
   */
  private static List<Class<?>> classesOf(Class<?> anchor) {
    String packageName = anchor.getPackageName();
    Path root;
    try {
      root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException(
          "the API check reads compiled classes from a folder, not " + root);
    }
    Path folder = root.resolve(packageName.replace('.', '/'));
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".class")
            && !fileName.equals("package-info.class")
            && !fileName.equals("module-info.class")) {
          String className =
              packageName + "." + fileName.substring(0, fileName.length() - ".class".length());
          classes.add(Class.forName(className, false, anchor.getClassLoader()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return classes;
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .collect(Collectors.toCollection(ArrayList::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, List<String> lines) {
    Set<String> content = new LinkedHashSet<>();
    content.add("# The public API of this module, one member a line (see ApiSignatures in core's");
    content.add("# tests). Rewritten by running the module's tests with -Dapi.update=true.");
    content.addAll(lines);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
