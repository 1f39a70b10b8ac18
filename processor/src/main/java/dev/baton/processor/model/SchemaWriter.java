package dev.baton.processor.model;

import dev.baton.graph.JsonSchemas;
import dev.baton.graph.TypeShape;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/**
 * JSON Schemas of agent and tool parameters and agent outputs at compile time: reads each type's
 * {@link TypeShape} from its mirror (with {@code @Param} texts and Javadoc {@code @param} tags of
 * record components as descriptions) and lets {@link JsonSchemas}, the writer the fluent builder
 * uses too, write it. The strict form and its departures are documented there.
 */
public final class SchemaWriter {
  private final Elements elements;

  /** @param elements the element utilities (for record and enum members and doc comments) */
  public SchemaWriter(Elements elements) {
    this.elements = elements;
  }

  /**
   * The schema of an object with one property per parameter, skipping {@code @Context} ones.
   *
   * @param params the parameters
   * @return the object schema
   */
  public String object(List<ParamModel> params) {
    List<TypeShape.Property> properties = new ArrayList<>();
    for (ParamModel p : params) {
      if (!p.context()) {
        properties.add(new TypeShape.Property(p.name(), p.description(), shape(p.type())));
      }
    }
    return JsonSchemas.object(properties);
  }

  /**
   * The schema of an agent's output: empty for {@code String}, which is sent as plain text.
   *
   * @param type the output type
   * @return the schema, or empty
   */
  public String output(TypeMirror type) {
    return isString(type) ? "" : JsonSchemas.of(shape(type));
  }

  private static boolean isString(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName()
            .contentEquals("java.lang.String");
  }

  /**
   * The shape of a type as the JSON mapping sees it.
   *
   * @param type a parameter or return type
   * @return its shape
   */
  public TypeShape shape(TypeMirror type) {
    return switch (type.getKind()) {
      case BOOLEAN -> TypeShape.Scalar.BOOLEAN;
      case BYTE, SHORT, INT, LONG -> TypeShape.Scalar.INTEGER;
      case FLOAT, DOUBLE -> TypeShape.Scalar.NUMBER;
      case CHAR -> TypeShape.Scalar.STRING;
      case ARRAY -> new TypeShape.ArrayOf(shape(((ArrayType) type).getComponentType()));
      case WILDCARD -> {
        TypeMirror bound = ((WildcardType) type).getExtendsBound();
        yield bound == null ? new TypeShape.Unsupported(type.toString()) : shape(bound);
      }
      case DECLARED -> declared((DeclaredType) type);
      default -> new TypeShape.Unsupported(type.toString());
    };
  }

  private TypeShape declared(DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    List<? extends TypeMirror> args = type.getTypeArguments();
    switch (element.getQualifiedName().toString()) {
      case "java.lang.String", "java.lang.Character":
        return TypeShape.Scalar.STRING;
      case "java.lang.Boolean":
        return TypeShape.Scalar.BOOLEAN;
      case "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long":
        return TypeShape.Scalar.INTEGER;
      case "java.lang.Float", "java.lang.Double":
        return TypeShape.Scalar.NUMBER;
      case "java.util.List", "java.util.Set":
        return args.size() == 1 ? new TypeShape.ArrayOf(shape(args.get(0)))
            : new TypeShape.Unsupported(type.toString());
      case "java.util.Map":
        return args.size() == 2 ? new TypeShape.MapOf(shape(args.get(1)))
            : new TypeShape.Unsupported(type.toString());
      case "java.util.Optional":
        return args.size() == 1 ? new TypeShape.OptionalOf(shape(args.get(0)))
            : new TypeShape.Unsupported(type.toString());
      default:
        break;
    }
    if (element.getKind() == ElementKind.ENUM) {
      List<String> constants = new ArrayList<>();
      for (Element e : element.getEnclosedElements()) {
        if (e.getKind() == ElementKind.ENUM_CONSTANT) {
          constants.add(e.getSimpleName().toString());
        }
      }
      return new TypeShape.EnumOf(constants);
    }
    if (element.getKind() == ElementKind.RECORD) {
      return new TypeShape.RecordOf(element.getQualifiedName().toString(), definitionName(element),
          () -> components(element));
    }
    return new TypeShape.Unsupported(type.toString());
  }

  private List<TypeShape.Property> components(TypeElement record) {
    Javadoc doc = Javadoc.of(elements, record);
    List<TypeShape.Property> properties = new ArrayList<>();
    for (RecordComponentElement c : record.getRecordComponents()) {
      String name = c.getSimpleName().toString();
      String description = paramAnnotation(c);
      properties.add(new TypeShape.Property(name, description.isEmpty() ? doc.param(name) : description,
          shape(c.asType())));
    }
    return properties;
  }

  // Simple names joined for nested records (Tree_Node), as the reflective shapes name them.
  private static String definitionName(TypeElement record) {
    String name = record.getSimpleName().toString();
    for (Element e = record.getEnclosingElement(); e instanceof TypeElement t;
        e = t.getEnclosingElement()) {
      name = t.getSimpleName() + "_" + name;
    }
    return name;
  }

  /**
   * The {@code @Param} text of an element, or empty.
   *
   * @param element a parameter or record component
   * @return the description
   */
  public static String paramAnnotation(Element element) {
    AnnotationMirror m = Mirrors.find(element, Names.PARAM);
    return m == null ? "" : Mirrors.string(m, "value");
  }
}
